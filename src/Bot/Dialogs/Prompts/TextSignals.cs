namespace ServiceBot.Bot.Dialogs.Prompts;

/// <summary>Cheap cues in folded text that change how a reply must be read: a negation, or a question.</summary>
public static class TextSignals
{
    // Negated intentions, not every 不: "描述不符", "尺寸不对" are reasons, "不接受", "先不提交" are refusals.
    private static readonly string[] Negations =
        ["不要", "不想", "不接受", "不同意", "不提交", "不确认", "先不", "暂不", "别", "don't", "dont", "do not", "not now", "never", "no thanks"];

    private static readonly string[] QuestionWords =
        ["吗", "?", "怎么", "为什么", "谁", "哪", "什么", "多少", "多久", "how", "what", "why", "who", "which", "where", "when"];

    /// <summary>"先不提交", "我不接受", "don't submit": the words of a choice, meant the other way.</summary>
    public static bool IsNegated(string folded) =>
        Negations.Any(n => folded.Contains(n, StringComparison.Ordinal)) || folded is "no" or "n";

    /// <summary>"退货的运费谁出": a question that merely mentions a choice.</summary>
    public static bool IsQuestion(string folded) => QuestionWords.Any(q => folded.Contains(q, StringComparison.Ordinal));
}
