using System.Text.RegularExpressions;
using ServiceBot.Knowledge.Model;

namespace ServiceBot.Knowledge.Search;

/// <summary>
/// Tells a follow-up ("那要多久", "what if they refuse") from a question that stands alone. A follow-up leans on the
/// answer just shown: on its own it names no topic, so the search reads it together with that answer's question.
/// </summary>
internal static partial class FollowUp
{
    // Longest follow-up without a cue word: a few words ("多久?", "how long?") lean on what came before.
    private const int MaxChineseChars = 6;
    private const int MaxEnglishWords = 4;

    public static bool IsFollowUp(string folded, string locale)
    {
        var text = folded.Trim();
        if (text.Length == 0)
        {
            return false;
        }

        return locale == Locales.Chinese
            ? ChineseCue().IsMatch(text) || text.TrimEnd('?', '？', '。', '!', '！').Length <= MaxChineseChars
            : EnglishCue().IsMatch(text) || text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= MaxEnglishWords;
    }

    [GeneratedRegex("^(那|那么|那要|那如果|如果|要是|万一|假如|还有|然后|可是|但是|但|那我|那他|那商家|那钱)")]
    private static partial Regex ChineseCue();

    [GeneratedRegex(@"^(and |but |so |then |what if|how about|what about|and if|if (they|he|she|it|the)\b)")]
    private static partial Regex EnglishCue();
}
