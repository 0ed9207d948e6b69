using System.Text.Json.Serialization;

namespace ServiceBot.Bot.Conversations;

/// <summary>
/// Everything the bot remembers about one conversation between turns: typed, versioned JSON. Each dialog on the
/// stack keeps its own typed state (a <see cref="DialogState"/> subclass, tagged with "$type" in JSON).
/// </summary>
public sealed class ConversationState
{
    /// <summary>Bumped when the shape changes incompatibly; older state is then discarded, not misread.</summary>
    public const int CurrentSchema = 2;

    public int Schema { get; set; } = CurrentSchema;

    /// <summary>Incremented by every committed turn.</summary>
    public long Version { get; set; }

    public string? Locale { get; set; }

    public string? CustomerId { get; set; }

    public List<DialogInstance> Stack { get; set; } = [];

    /// <summary>The last top-level dialog started, so "重新开始" can start it again.</summary>
    public string? LastDialog { get; set; }

    /// <summary>Entry ids offered by the last "did you mean" list, so "2" picks the second.</summary>
    public List<string> ClarifyChoices { get; set; } = [];

    /// <summary>The entry answered last, so a follow-up ("那要多久") is read in its context.</summary>
    public string? LastAnswer { get; set; }

    /// <summary>Knowledge fallbacks in a row; two make the turn ask for a person.</summary>
    public int Fallbacks { get; set; }

    /// <summary>
    /// Message ids processed within the redelivery window (oldest first), so a redelivered message is not
    /// processed twice.
    /// </summary>
    public List<ProcessedMessage> RecentMessages { get; set; } = [];

    public bool HasProcessed(string messageId) => RecentMessages.Exists(m => m.Id == messageId);

    /// <summary>Remembers <paramref name="messageId"/> and forgets ids older than the window (and beyond the cap).</summary>
    public void RememberProcessed(string messageId, DateTimeOffset now, TimeSpan window, int cap)
    {
        RecentMessages.RemoveAll(m => m.At < now - window);
        RecentMessages.Add(new ProcessedMessage(messageId, now));
        if (RecentMessages.Count > cap)
        {
            RecentMessages.RemoveRange(0, RecentMessages.Count - cap);
        }
    }
}

/// <summary>A message id and when it was processed.</summary>
public sealed record ProcessedMessage(string Id, DateTimeOffset At);

/// <summary>One dialog on the stack: its id and its own state.</summary>
public sealed class DialogInstance
{
    public required string Id { get; init; }

    public DialogState? State { get; set; }
}

/// <summary>
/// Base of every dialog's own state. Each concrete type is listed below with a stable tag (and in
/// <see cref="ConversationJsonContext"/>), so stored state names its type and reads back as that type.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(Dialogs.Prompts.PromptState), "prompt")]
[JsonDerivedType(typeof(Dialogs.ComponentState), "component")]
[JsonDerivedType(typeof(Dialogs.WaterfallState<Dialogs.Refund.RefundFilingValues>), "waterfall:refund-filing")]
[JsonDerivedType(typeof(Dialogs.WaterfallState<Dialogs.Refund.RequestActionValues>), "waterfall:request-action")]
public abstract class DialogState;
