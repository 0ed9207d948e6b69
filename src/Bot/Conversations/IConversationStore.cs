namespace ServiceBot.Bot.Conversations;

/// <summary>
/// Conversation state with one turn at a time per conversation. <see cref="EnterAsync"/> waits until every
/// message that arrived before this one has been processed (arrival order), then hands out the state; the
/// lease ends with <see cref="ConversationLease.CommitAsync"/> or, without saving, on dispose.
/// </summary>
public interface IConversationStore
{
    Task<ConversationLease> EnterAsync(string conversationId, CancellationToken cancellationToken = default);

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
