using System.Globalization;
using ServiceBot.Knowledge;

namespace ServiceBot.Bot.Dialogs.Prompts;

/// <summary>
/// Finds which of a list of choices a message means, in Chinese or English: by number ("2", "第二个", "②",
/// "two", "the second"), by title or value, by synonym, or by an unambiguous part of a title ("退货" for 退货退款).
/// </summary>
public static class ChoiceRecognizer
{
    private static readonly string[] EnglishNumbers = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
    private static readonly string[] EnglishOrdinals = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];
    private const string ChineseDigits = "一二三四五六七八九十";
    private static readonly string[] Fillers = ["请选择", "我选", "选择", "选", "第", "个", "项", "条", "号", "吧", "the ", "option ", "number ", "no. ", "#"];

    /// <summary>
    /// The index of the chosen choice, or -1 when the message matches none or several equally. With
    /// <paramref name="exactOnly"/>, only a number or a whole title, value or synonym counts (for yes/no choices,
    /// where "先不提交" contains "提交" and must not mean it).
    /// </summary>
    public static int Recognize(string text, IReadOnlyList<Choice> choices, bool exactOnly = false)
    {
        var folded = Clean(TextNormalizer.Fold(text));
        if (folded.Length == 0 || choices.Count == 0)
        {
            return -1;
        }

        if (Number(folded) is { } number && number >= 1 && number <= choices.Count)
        {
            return number - 1;
        }

        for (var i = 0; i < choices.Count; i++)
        {
            if (Names(choices[i]).Any(n => n == folded))
            {
                return i;
            }
        }

        // Partial: the message contains a title (or synonym), or is a distinctive part of exactly one title. Not for
        // negated or question-like messages: "不要退货" is no choice, and "退货的运费谁出" is a question to answer.
        if (exactOnly || TextSignals.IsNegated(folded) || TextSignals.IsQuestion(folded))
        {
            return -1;
        }

        var matches = new List<(int Index, int Length)>();
        for (var i = 0; i < choices.Count; i++)
        {
            var best = Names(choices[i])
                .Where(n => n.Length >= 2 && (folded.Contains(n, StringComparison.Ordinal) || (folded.Length >= 2 && n.Contains(folded, StringComparison.Ordinal))))
                .Select(n => folded.Contains(n, StringComparison.Ordinal) ? n.Length : folded.Length)
                .DefaultIfEmpty(0)
                .Max();
            if (best > 0)
            {
                matches.Add((i, best));
            }
        }

        if (matches.Count == 0)
        {
            return -1;
        }

        var longest = matches.Max(m => m.Length);
        var winners = matches.Where(m => m.Length == longest).ToList();
        return winners.Count == 1 ? winners[0].Index : -1;
    }

    private static IEnumerable<string> Names(Choice choice) =>
        (choice.Synonyms?.Split('|', StringSplitOptions.RemoveEmptyEntries) ?? []).Append(choice.Title).Append(choice.Value).Select(CleanFolded);

    // Choice titles and synonyms come from a bounded set (resource texts, order lines), and are folded on every
    // message a prompt recognizes: remember them. The cap only guards against unbounded growth.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Folded = new(StringComparer.Ordinal);

    private static string CleanFolded(string name)
    {
        if (Folded.TryGetValue(name, out var folded))
        {
            return folded;
        }

        if (Folded.Count > 50_000)
        {
            Folded.Clear();
        }

        return Folded[name] = Clean(TextNormalizer.Fold(name));
    }

    private static int? Number(string text)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        if (text.Length == 1 && text[0] is >= '\u2460' and <= '\u2469')
        {
            return text[0] - '\u2460' + 1; // ① … ⑩
        }

        if (text.Length == 1 && ChineseDigits.Contains(text[0], StringComparison.Ordinal))
        {
            return ChineseDigits.IndexOf(text[0], StringComparison.Ordinal) + 1;
        }

        if (text == "两")
        {
            return 2;
        }

        var english = Array.IndexOf(EnglishNumbers, text);
        if (english >= 0)
        {
            return english + 1;
        }

        var ordinal = Array.IndexOf(EnglishOrdinals, text.Replace(" one", "", StringComparison.Ordinal));
        return ordinal >= 0 ? ordinal + 1 : null;
    }

    /// <summary>Drops punctuation, spaces and filler words around the choice ("第2个。" → "2").</summary>
    private static string Clean(string folded)
    {
        var text = folded.Trim().TrimEnd('.', '。', '!', '！', '?', '？', ',', '，', '、', ')', '）').TrimStart('(', '（');
        foreach (var filler in Fillers)
        {
            if (text.Length > filler.Length && (text.StartsWith(filler, StringComparison.Ordinal) || text.EndsWith(filler, StringComparison.Ordinal)))
            {
                text = text.StartsWith(filler, StringComparison.Ordinal) ? text[filler.Length..] : text[..^filler.Length];
            }
        }

        return text.Trim().TrimEnd('.', '、');
    }
}
