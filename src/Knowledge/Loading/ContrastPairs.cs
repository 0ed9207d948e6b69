using ServiceBot.Knowledge.Model;
using YamlDotNet.RepresentationModel;

namespace ServiceBot.Knowledge.Loading;

/// <summary>
/// Editor-declared contrasts (knowledge/contrasts.yaml): sides of a question that customers' words tell apart (money
/// arriving vs goods arriving, 退款 vs 退货, rejected by the merchant vs withdrawn by the customer), each with its words
/// and the entries that answer it. When a question uses words of one side and of no other, the other sides' entries
/// lose confidence (× <see cref="Penalty"/>): their words matched, but the customer said which side they meant.
/// A side may list no words: it is then only ever lowered (a general rule against its exceptions).
/// </summary>
public sealed class ContrastPairs
{
    public const string FileName = "contrasts.yaml";

    /// <summary>What an entry of the side the question argues against keeps of its confidence.</summary>
    public const double Penalty = 0.5;

    private readonly Contrast[] _contrasts;

    private ContrastPairs(Contrast[] contrasts) => _contrasts = contrasts;

    public static ContrastPairs Empty { get; } = new([]);

    public int Count => _contrasts.Length;

    /// <summary>Every entry id a contrast names, with the line that names it (for the validator).</summary>
    public IEnumerable<(string EntryId, int Line)> EntryReferences =>
        _contrasts.SelectMany(c => c.Sides).SelectMany(s => s.Entries.Select(e => (e, s.Line)));

    /// <summary>
    /// The factor for <paramref name="entryId"/>'s confidence on a question, given as folded text and as the same
    /// text with the locale's synonyms applied (words match either): 1, or <see cref="Penalty"/> per contrast that
    /// argues against it.
    /// </summary>
    public double Factor(string entryId, string folded, string normalized)
    {
        var factor = 1.0;
        foreach (var contrast in _contrasts)
        {
            Side? argued = null;
            var sides = 0;
            foreach (var side in contrast.Sides)
            {
                if (side.Words.Any(w => SynonymTable.ContainsWord(folded, w) || SynonymTable.ContainsWord(normalized, w)))
                {
                    argued = side;
                    sides++;
                }
            }

            if (sides == 1 && !argued!.Entries.Contains(entryId, StringComparer.Ordinal)
                && contrast.Sides.Any(s => s != argued && s.Entries.Contains(entryId, StringComparer.Ordinal)))
            {
                factor *= Penalty;
            }
        }

        return factor;
    }

    /// <summary>Reads the file's contrasts; a malformed one is reported as path:line and left out.</summary>
    public static ContrastPairs Parse(string displayPath, string text, ICollection<Problem> problems)
    {
        var (root, errorLine, error) = YamlNodes.ParseMapping(text);
        if (root is null)
        {
            problems.Add(new Problem(displayPath, Math.Max(errorLine, 1), Severity.Error, error!));
            return Empty;
        }

        var contrasts = new List<Contrast>();
        foreach (var (key, value) in root.Children)
        {
            var name = YamlNodes.Scalar(key) ?? "";
            if (value is not YamlSequenceNode sequence || sequence.Children.Count < 2)
            {
                problems.Add(new Problem(displayPath, YamlNodes.LineOf(key), Severity.Error,
                    $"contrast '{name}' needs a list of at least two sides, each with words and entries"));
                continue;
            }

            var sides = sequence.Children.Select(node => ParseSide(displayPath, name, node, problems)).ToList();
            if (sides.All(s => s is not null))
            {
                contrasts.Add(new Contrast(name, [.. sides!]));
            }
        }

        return new ContrastPairs([.. contrasts]);
    }

    private static Side? ParseSide(string path, string contrast, YamlNode node, ICollection<Problem> problems)
    {
        var line = YamlNodes.LineOf(node);
        if (node is not YamlMappingNode side)
        {
            problems.Add(new Problem(path, line, Severity.Error, $"a side of '{contrast}' must be 'words: [...]' and 'entries: [...]'"));
            return null;
        }

        var unknown = side.Children.Keys.Select(YamlNodes.Scalar).FirstOrDefault(k => k is not ("words" or "entries"));
        if (unknown is not null)
        {
            problems.Add(new Problem(path, line, Severity.Error, $"unknown key '{unknown}' in a side of '{contrast}': only words and entries"));
            return null;
        }

        var words = YamlNodes.StringList(side.Children.TryGetValue(new YamlScalarNode("words"), out var w) ? w : null);
        var entries = YamlNodes.StringList(side.Children.TryGetValue(new YamlScalarNode("entries"), out var e) ? e : null);
        if (words is null || entries is null || entries.Count == 0)
        {
            problems.Add(new Problem(path, line, Severity.Error, $"a side of '{contrast}' needs 'entries' (a list of entry ids) and 'words' (a list, possibly empty)"));
            return null;
        }

        return new Side([.. words.Select(TextNormalizer.Fold).Where(f => f.Length > 0)], [.. entries], line);
    }

    private sealed record Contrast(string Name, Side[] Sides);

    private sealed record Side(string[] Words, string[] Entries, int Line);
}
