using ServiceBot.Handoff.Activities;
using ServiceBot.Bot.Turns;
using ServiceBot.Knowledge;

namespace ServiceBot.Bot.Dialogs.Prompts;

/// <summary>
/// Image attachments. The result is the images received in this message, or an empty list when the customer
/// says they are done (完成 / 没有了 / done / skip), which the calling step decides is enough or not.
/// </summary>
public sealed class AttachmentPrompt(string id) : Prompt<IReadOnlyList<Attachment>>(id)
{
    private static readonly HashSet<string> ImageTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "image/jpeg", "image/jpg", "image/png", "image/gif", "image/webp", "image/heic",
    };

    private static readonly HashSet<string> DoneWords = new(StringComparer.Ordinal)
    {
        "完成", "好了", "没有了", "没了", "就这些", "跳过", "不传了", "没有", "上传完了", "不用了", "不需要", "done", "skip", "finish", "finished", "no more", "that's all", "none",
    };

    /// <summary>An image is kept by reference: only an http(s) address of sane length, never inline data.</summary>
    private static bool IsSafeReference(Attachment attachment) =>
        attachment.ContentUrl is { Length: <= 2048 } url
        && (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        && (attachment.Name?.Length ?? 0) <= 200;

    public static bool IsDone(string text) => DoneWords.Contains(TextNormalizer.Fold(text).Trim().TrimEnd('。', '.', '!', '！'));

    protected override Recognized<IReadOnlyList<Attachment>> Recognize(TurnContext turn, PromptOptions options)
    {
        if (turn.Attachments.Count == 0)
        {
            return IsDone(turn.Text) ? Recognized.Success<IReadOnlyList<Attachment>>([]) : Recognized.Failure<IReadOnlyList<Attachment>>("EvidenceNotImage");
        }

        if (turn.Attachments.Any(a => !ImageTypes.Contains(a.ContentType) || !IsSafeReference(a)))
        {
            return Recognized.Failure<IReadOnlyList<Attachment>>("EvidenceNotImage");
        }

        if (options.MaxFileBytes is { } maxBytes && turn.Attachments.Any(a => a.ContentLength > maxBytes))
        {
            return Recognized.Failure<IReadOnlyList<Attachment>>("EvidenceTooLarge");
        }

        return turn.Attachments.Count > options.MaxFiles
            ? Recognized.Failure<IReadOnlyList<Attachment>>("EvidenceTooMany")
            : Recognized.Success<IReadOnlyList<Attachment>>(turn.Attachments);
    }
}
