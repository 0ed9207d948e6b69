using ServiceBot.Knowledge.Model;
using ServiceBot.Knowledge.Search;

namespace ServiceBot.Knowledge.Loading;

/// <summary>Everything read from a knowledge folder, before indexing, with every problem found.</summary>
public sealed record KnowledgeSource(
    IReadOnlyList<KnowledgeEntry> Entries,
    PolicyValues Policy,
    IReadOnlyDictionary<string, SynonymTable> Synonyms,
    ConfidenceModel Calibration,
    IReadOnlyList<Problem> Problems)
{
    /// <summary>The editors' contrast pairs (knowledge/contrasts.yaml); none when the file is absent.</summary>
    public ContrastPairs Contrasts { get; init; } = ContrastPairs.Empty;

    public bool HasErrors => Problems.Any(p => p.Severity == Severity.Error);

    public SynonymTable SynonymsFor(string locale) =>
        Synonyms.TryGetValue(locale, out var table) ? table : SynonymTable.Empty;
}
