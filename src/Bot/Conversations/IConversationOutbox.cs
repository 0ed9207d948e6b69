using ServiceBot.Handoff.Activities;

namespace ServiceBot.Bot.Conversations;

/// <summary>
/// Messages the bot sends on its own (proactive: a merchant answered, the money was sent) waiting for delivery to
/// the customer's conversation. Channels drain it; it is bounded and expires with the conversation.
/// </summary>
public interface IConversationOutbox
{
    Task AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Activity>> DrainAsync(string conversationId, CancellationToken cancellationToken = default);
}
