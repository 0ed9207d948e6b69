using ServiceBot.Knowledge;

namespace ServiceBot.Bot.Dialogs.Prompts;

/// <summary>Yes or no, in Chinese or English (是/好的/确认/提交/yes/ok … 不/否/不用/no …).</summary>
public static class ConfirmRecognizer
{
    private static readonly HashSet<string> Yes = new(StringComparer.Ordinal)
    {
        "是", "是的", "好", "好的", "对", "对的", "确认", "确定", "提交", "确认提交", "可以", "行", "没问题", "嗯", "嗯嗯", "同意", "接受", "要",
        "yes", "y", "yeah", "yep", "ok", "okay", "sure", "confirm", "submit", "correct", "right", "accept", "agree",
    };

    private static readonly HashSet<string> No = new(StringComparer.Ordinal)
    {
        "否", "不", "不是", "不对", "不要", "不用", "不行", "算了吧", "不同意", "不接受", "拒绝", "修改", "改一下", "我要修改",
        "no", "n", "nope", "not", "decline", "reject", "edit", "change",
    };

    /// <summary>Yes, no, or null when unclear. A negated sentence ("先不提交", "don't submit yet") is a no.</summary>
    public static bool? Recognize(string text)
    {
        var folded = TextNormalizer.Fold(text).Trim().TrimEnd('.', '。', '!', '！', '~');
        return Yes.Contains(folded) ? true
            : No.Contains(folded) ? false
            : TextSignals.IsNegated(folded) ? false
            : null;
    }
}
