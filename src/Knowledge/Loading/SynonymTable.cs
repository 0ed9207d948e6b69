using ServiceBot.Knowledge.Model;

namespace ServiceBot.Knowledge.Loading;

/// <summary>
/// Editor-maintained variant → canonical rewrites for one locale (knowledge/synonyms/&lt;locale&gt;.txt),
/// one group per line: <c>canonical = variant, variant</c>. Applied to entries and questions alike.
/// </summary>
public sealed class SynonymTable
{
    public const string FolderName = "synonyms";

    // Longest variants first so 退款申请 wins over 退款 when both are listed.
    private readonly (string Variant, string Canonical, bool IsWord)[] _rules;

    private SynonymTable((string, string, bool)[] rules) => _rules = rules;

    public static SynonymTable Empty { get; } = new([]);

    public int Count => _rules.Length;

    public static SynonymTable Parse(string displayPath, string text, ICollection<Problem> problems)
    {
        var rules = new Dictionary<string, (string Canonical, int Line)>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = StripComment(rawLine).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            var canonical = equals < 0 ? "" : TextNormalizer.Fold(line[..equals]).Trim();
            var variants = equals < 0 ? [] : line[(equals + 1)..].Split([',', '，', '、'],
                StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (canonical.Length == 0 || variants.Length == 0)
            {
                problems.Add(new Problem(displayPath, lineNumber, Severity.Error,
                    "expected 'canonical = variant, variant, ...'"));
                continue;
            }

            foreach (var rawVariant in variants)
            {
                var variant = TextNormalizer.Fold(rawVariant);
                if (variant == canonical)
                {
                    continue;
                }

                if (variant.Length == 1 && !IsAsciiWord(variant))
                {
                    problems.Add(new Problem(displayPath, lineNumber, Severity.Warning,
                        $"single-character variant '{variant}' rewrites every word that contains it"));
                }

                if (rules.TryGetValue(variant, out var existing) && existing.Canonical != canonical)
                {
                    problems.Add(new Problem(displayPath, lineNumber, Severity.Error,
                        $"'{variant}' is already a variant of '{existing.Canonical}' (line {existing.Line})"));
                    continue;
                }

                rules[variant] = (canonical, lineNumber);
            }
        }

        return new SynonymTable(rules
            .OrderByDescending(r => r.Key.Length)
            .ThenBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => (r.Key, r.Value.Canonical, IsAsciiWord(r.Key)))
            .ToArray());
    }

    /// <summary>Rewrites variants in already folded text. Latin variants match whole words only.</summary>
    public string Apply(string folded)
    {
        if (_rules.Length == 0 || folded.Length == 0)
        {
            return folded;
        }

        var text = folded;
        foreach (var (variant, canonical, isWord) in _rules)
        {
            var start = 0;
            while (start < text.Length)
            {
                var index = text.IndexOf(variant, start, StringComparison.Ordinal);
                if (index < 0)
                {
                    break;
                }

                var end = index + variant.Length;
                if (isWord && !IsWordBoundary(text, index, end))
                {
                    start = index + 1;
                    continue;
                }

                text = string.Concat(text.AsSpan(0, index), canonical, text.AsSpan(end));
                start = index + canonical.Length;
            }
        }

        return text;
    }

    /// <summary>Whether folded <paramref name="text"/> contains <paramref name="word"/>: Latin words as whole words, Chinese anywhere.</summary>
    internal static bool ContainsWord(string text, string word)
    {
        if (!IsAsciiWord(word))
        {
            return text.Contains(word, StringComparison.Ordinal);
        }

        for (var index = text.IndexOf(word, StringComparison.Ordinal); index >= 0; index = text.IndexOf(word, index + 1, StringComparison.Ordinal))
        {
            if (IsWordBoundary(text, index, index + word.Length))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWordBoundary(string text, int start, int end) =>
        (start == 0 || !char.IsAsciiLetterOrDigit(text[start - 1])) &&
        (end == text.Length || !char.IsAsciiLetterOrDigit(text[end]));

    private static bool IsAsciiWord(string text) => text.All(c => char.IsAscii(c));

    private static string StripComment(string line)
    {
        var hash = line.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? line : line[..hash];
    }
}
