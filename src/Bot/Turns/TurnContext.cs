using ServiceBot.Handoff.Activities;
using ServiceBot.Bot.Conversations;
using ServiceBot.Bot.Resources;

namespace ServiceBot.Bot.Turns;

/// <summary>One customer message being processed: who, what, in which language, and the replies so far.</summary>
public sealed class TurnContext(Activity activity, string conversationId, string customerId, ConversationState state, TurnServices services,
    CancellationToken cancellation = default)
{
    /// <summary>Cancelled when the turn's caller gives up (the service stopping): dialogs pass it to every call they make.</summary>
    public CancellationToken Cancellation { get; } = cancellation;

    private readonly List<Activity> _replies = [];
    private Dictionary<string, object>? _memo;

    public Activity Activity { get; } = activity;

    public string ConversationId { get; } = conversationId;

    public string CustomerId { get; } = customerId;

    public ConversationState State { get; } = state;

    public TurnServices Services { get; } = services;

    /// <summary>The message text, trimmed (the pipeline refuses one over Limits:MessageChars before the turn).</summary>
    public string Text { get; } = activity.Text?.Trim() ?? "";

    public string Locale { get; set; } = state.Locale ?? Knowledge.Model.Locales.Chinese;

    public IReadOnlyList<Attachment> Attachments => Activity.Attachments ?? [];

    public IReadOnlyList<Activity> Replies => _replies;

    /// <summary>Set when this turn asks for a human; the pipeline hands it over after the dialogs have run.</summary>
    public Agents.Handoff.Escalation? Escalation { get; private set; }

    /// <summary>Asks for a human, keeping the dialog as it stands now (call before cancelling it). The first request of a turn wins.</summary>
    public void RequestHandoff(string trigger, string evidence, ServiceBot.Handoff.Queue.Priority priority = ServiceBot.Handoff.Queue.Priority.Other) =>
        Escalation ??= new Agents.Handoff.Escalation(trigger, evidence, priority, Agents.Handoff.DialogSnapshot.Of(State));

    /// <summary>Localized bot text by resource name, formatted with <paramref name="args"/>.</summary>
    public string T(string name, params object?[] args) => BotText.Format(name, Locale, args);

    public void Send(Activity reply) => _replies.Add(reply with
    {
        Conversation = new ConversationAccount(ConversationId),
        ReplyToId = Activity.Id,
        From = Bot,
        Timestamp = Services.Time.GetUtcNow(),
    });

    public void Send(string text, IReadOnlyList<CardAction>? actions = null, string? inputHint = null) =>
        Send(Activity.Message(text, Locale, actions, inputHint));

    public static ChannelAccount Bot { get; } = new("servicebot", "ServiceBot", "bot");

    /// <summary>
    /// Runs <paramref name="lookup"/> once per turn for <paramref name="key"/>: a validator and the step after it
    /// need the same order and eligibility, and each costs a round trip.
    /// </summary>
    public Task<T> OncePerTurn<T>(string key, Func<Task<T>> lookup)
    {
        _memo ??= new Dictionary<string, object>(StringComparer.Ordinal);
        if (!_memo.TryGetValue(key, out var task))
        {
            task = lookup();
            _memo[key] = task;
        }

        return (Task<T>)task;
    }
}
