using System.Text.RegularExpressions;

namespace ServiceBot.Bot.Agents.Handoff;

/// <summary>
/// Signs that a customer is angry or about to complain: words of complaint (投诉, 12315, 骗子, 曝光…), repeated
/// exclamation marks, or English written all in capitals. Such a message goes to a person at once, first in line.
/// </summary>
public static partial class EscalationSignals
{
    public static bool IsComplaint(string text) =>
        ComplaintWords().IsMatch(text) || Exclamations().IsMatch(text) || IsShouting(text);

    /// <summary>At least three words and ten letters, every letter a capital: "WHERE IS MY MONEY".</summary>
    private static bool IsShouting(string text)
    {
        var letters = text.Count(char.IsAsciiLetter);
        return letters >= 10 && text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3 && !text.Any(char.IsAsciiLetterLower);
    }

    [GeneratedRegex("投诉|12315|骗子|骗钱|曝光|举报|消协|工商局|报警|律师函|起诉|垃圾平台|scam|fraud|complain|lawyer|sue you|report you", RegexOptions.IgnoreCase)]
    private static partial Regex ComplaintWords();

    [GeneratedRegex("[!！]{3,}")]
    private static partial Regex Exclamations();
}
