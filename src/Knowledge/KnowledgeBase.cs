using System.Collections.Frozen;
using ServiceBot.Knowledge.Loading;
using ServiceBot.Knowledge.Model;
using ServiceBot.Knowledge.Rendering;
using ServiceBot.Knowledge.Search;
using ServiceBot.Knowledge.Text;

namespace ServiceBot.Knowledge;

/// <summary>
/// An immutable, searchable knowledge base: entries of every locale with their rendered answers and a
/// search index per locale. Built once from a <see cref="KnowledgeSource"/>; replaced whole on reload.
/// </summary>
public sealed class KnowledgeBase : IDisposable
{
    private readonly FrozenDictionary<string, FrozenDictionary<string, KnowledgeEntry>> _entries;
    private readonly FrozenDictionary<(string Locale, string Id), RenderedAnswer> _answers;
    private readonly FrozenDictionary<string, LocaleIndex> _indexes;

    private KnowledgeBase(KnowledgeSource source, SearchThresholds thresholds)
    {
        Source = source;
        Policy = source.Policy;
        Calibration = source.Calibration;
        Thresholds = thresholds;
        BuiltAt = DateTimeOffset.UtcNow;

        var renderer = new AnswerRenderer(source.Policy);
        _answers = source.Entries.ToFrozenDictionary(e => (e.Locale, e.Id), e => renderer.Render(e.Body, e.Locale));
        _entries = source.Entries.GroupBy(e => e.Locale).ToFrozenDictionary(
            g => g.Key,
            g => g.GroupBy(e => e.Id).ToFrozenDictionary(d => d.Key, d => d.First(), StringComparer.Ordinal),
            StringComparer.Ordinal);
        _indexes = Locales.All.ToFrozenDictionary(
            locale => locale,
            locale => LocaleIndex.Build(
                locale,
                _entries.TryGetValue(locale, out var byId) ? byId.Values.OrderBy(e => e.Id, StringComparer.Ordinal) : [],
                source.SynonymsFor(locale),
                e => string.Join('\n', e.Tags.Append(_answers[(e.Locale, e.Id)].Text))),
            StringComparer.Ordinal);
    }

    public KnowledgeSource Source { get; }

    public PolicyValues Policy { get; }

    public ConfidenceModel Calibration { get; }

    public SearchThresholds Thresholds { get; }

    public DateTimeOffset BuiltAt { get; }

    public int Count => _answers.Count;

    public IEnumerable<KnowledgeEntry> Entries(string locale) =>
        _entries.TryGetValue(locale, out var byId) ? byId.Values : [];

    public static KnowledgeBase Build(KnowledgeSource source, SearchThresholds? thresholds = null) =>
        new(source, thresholds ?? new SearchThresholds());

    public KnowledgeEntry? Find(string id, string locale) =>
        _entries.TryGetValue(locale, out var byId) && byId.TryGetValue(id, out var entry) ? entry : null;

    public RenderedAnswer? Answer(string id, string locale) =>
        _answers.TryGetValue((locale, id), out var answer) ? answer : null;

    /// <summary>
    /// Finds the entries that answer <paramref name="question"/>. The locale is detected unless given.
    /// Never throws on odd input (empty, huge, control characters, query syntax): it falls back instead.
    /// <paramref name="previousEntryId"/> is the entry answered just before in the conversation: a follow-up
    /// ("那要多久", "what if they refuse") is then read in that entry's context: its followups first.
    /// </summary>
    public SearchResult Search(string? question, string? locale = null, int top = 3, string? previousEntryId = null)
    {
        var alone = SearchAlone(question, locale, top);
        if (previousEntryId is null || Find(previousEntryId, alone.Locale) is not { } previous
            || !FollowUp.IsFollowUp(TextNormalizer.Fold(question), alone.Locale))
        {
            return alone;
        }

        // Candidates: the follow-up read alone, and read together with the previous question, which names the topic
        // it leans on. A candidate keeps its confidence from the reading alone where it has one (the previous
        // question's words would dilute the follow-up's own), but those words count as evidence for the contrasts:
        // after "退款多久到账", "要是一直没到呢" is about money, not the parcel. The previous answer's followups, which
        // its editor listed as what customers ask next, lose half their doubt. The previous entry itself is left out:
        // a follow-up asks something new.
        var context = $"{question} {previous.Question}";
        var read = SearchAlone(context, alone.Locale, top + 1);
        var followups = previous.Followups.ToHashSet(StringComparer.Ordinal);
        var hits = alone.Hits
            .Select(h => h with { Confidence = h.Confidence * ContrastFactor(h.Entry.Id, context, alone.Locale) / ContrastFactor(h.Entry.Id, question, alone.Locale) })
            .Concat(read.Hits.Where(h => alone.Hits.All(a => a.Entry.Id != h.Entry.Id)))
            .Where(h => h.Entry.Id != previous.Id)
            .Select(h => followups.Contains(h.Entry.Id) ? h with { Confidence = 1 - ((1 - h.Confidence) * FollowupDoubt) } : h)
            .OrderByDescending(h => h.Confidence)
            .Take(top).ToList();
        return hits.Count == 0 ? alone : new SearchResult(question ?? "", alone.Locale, Thresholds.Decide(hits[0].Confidence), hits);
    }

    private double ContrastFactor(string entryId, string? text, string language)
    {
        var folded = TextNormalizer.Fold(text);
        return Source.Contrasts.Factor(entryId, folded, Source.SynonymsFor(language).Apply(folded));
    }

    /// <summary>What is left of a followup's doubt (1 - confidence) right after the entry that lists it.</summary>
    private const double FollowupDoubt = 0.5;

    private SearchResult SearchAlone(string? question, string? locale, int top)
    {
        var folded = TextNormalizer.Fold(question);
        if (folded.Length > TextNormalizer.MaxQueryLength)
        {
            folded = folded[..TextNormalizer.MaxQueryLength];
        }

        var language = locale ?? LanguageDetector.Detect(folded);
        // Two candidates more than shown, so one a contrast lowers can give way to the next.
        var ranked = _indexes.TryGetValue(language, out var index) ? index.Rank(folded, Math.Max(top, 2) + 2) : [];
        var normalized = Source.SynonymsFor(language).Apply(folded);
        var hits = new List<SearchHit>(ranked.Count);
        for (var i = 0; i < ranked.Count; i++)
        {
            var candidate = ranked[i];
            var bestOther = i == 0 ? (ranked.Count > 1 ? ranked[1].Score : 0) : ranked[0].Score;
            var features = new CandidateFeatures(candidate.Score, candidate.Score - bestOther, candidate.QueryCoverage, candidate.PhrasingCoverage, candidate.UnmatchedPeak, candidate.Evidence);
            var confidence = Calibration.Confidence(features) * Source.Contrasts.Factor(candidate.Entry.Id, folded, normalized);
            hits.Add(new SearchHit(candidate.Entry, confidence, features, _answers[(candidate.Entry.Locale, candidate.Entry.Id)]));
        }

        // Stable: equal confidences keep the ranking's order.
        hits = [.. hits.OrderByDescending(h => h.Confidence).Take(top)];
        var outcome = hits.Count == 0 ? SearchOutcome.Fallback : Thresholds.Decide(hits[0].Confidence);
        return new SearchResult(question ?? "", language, outcome, hits);
    }

    public void Dispose()
    {
        foreach (var index in _indexes.Values)
        {
            index.Dispose();
        }
    }
}
