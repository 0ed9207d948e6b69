namespace ServiceBot.Bot.Conversations;

/// <summary>
/// Conversation state with one turn at a time per conversation. <see cref="EnterAsync"/> waits until every
/// message that arrived before this one has been processed (arrival order), then hands out the state; the
/// lease ends with <see cref="ConversationLease.CommitAsync"/> or, without saving, on dispose.
/// A conversation belongs to the customer whose message started it: anyone else is refused before taking a turn.
/// </summary>
public interface IConversationStore
{
    /// <exception cref="ConversationAccessDeniedException">The conversation belongs to another customer.</exception>
    Task<ConversationLease> EnterAsync(string conversationId, string customerId, CancellationToken cancellationToken = default);

    /// <summary>The last saved state, read without taking the conversation (for proactive messages).</summary>
    Task<ConversationState> PeekAsync(string conversationId, CancellationToken cancellationToken = default);
}

/// <summary>Exclusive use of one conversation's state for one turn.</summary>
public abstract class ConversationLease : IAsyncDisposable
{
    protected ConversationLease(string conversationId, ConversationState state)
    {
        ConversationId = conversationId;
        State = state;
    }

    public string ConversationId { get; }

    public ConversationState State { get; }

    /// <summary>Saves the state (its version incremented) and lets the next message in.</summary>
    public abstract Task CommitAsync(CancellationToken cancellationToken = default);

    public abstract ValueTask DisposeAsync();
}

/// <summary>The lease expired before the turn committed (a very slow turn); the turn is retried.</summary>
public sealed class LeaseLostException(string message) : Exception(message);

/// <summary>A customer wrote into a conversation that belongs to another customer; nothing was changed.</summary>
public sealed class ConversationAccessDeniedException(string conversationId, string customerId)
    : Exception($"conversation {conversationId} does not belong to {customerId}")
{
    public string ConversationId { get; } = conversationId;

    public string CustomerId { get; } = customerId;
}
