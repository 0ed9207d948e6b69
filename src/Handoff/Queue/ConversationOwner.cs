namespace ServiceBot.Handoff.Queue;

/// <summary>
/// The ownership record of a conversation. <see cref="Kind"/> Bot (no record) means the bot answers; the other
/// fields then are empty. Queued and Offered conversations are still waiting; Agent ones are relayed to <see cref="Agent"/>.
/// </summary>
/// <param name="Agent">The agent who owns it, or was offered it; null otherwise.</param>
/// <param name="Since">When it entered its current kind (unix ms).</param>
/// <param name="QueuedAt">When it last started waiting (unix ms): waiting time is measured from here.</param>
public sealed record ConversationOwner(
    string ConversationId,
    OwnerKind Kind,
    string? Agent,
    long Since,
    long QueuedAt,
    HandoffRequest? Request)
{
    public bool IsBot => Kind == OwnerKind.Bot;

    public static ConversationOwner Bot(string conversationId) => new(conversationId, OwnerKind.Bot, null, 0, 0, null);
}
