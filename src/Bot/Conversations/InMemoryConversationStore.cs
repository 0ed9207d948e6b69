using System.Collections.Concurrent;

namespace ServiceBot.Bot.Conversations;

/// <summary>
/// Conversation state in this process (the terminal chat, fast tests). State is kept serialized, exactly as
/// Redis keeps it, so both stores round-trip the same way; a FIFO semaphore per conversation keeps arrival order.
/// </summary>
public sealed class InMemoryConversationStore(ConversationOptions options, TimeProvider time) : IConversationStore
{
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    public async Task<ConversationLease> EnterAsync(string conversationId, string customerId, CancellationToken cancellationToken = default)
    {
        var slot = _slots.GetOrAdd(conversationId, _ => new Slot());
        lock (slot)
        {
            if (slot.Owner is null || Expired(slot))
            {
                slot.Owner = customerId;
            }
            else if (slot.Owner != customerId)
            {
                throw new ConversationAccessDeniedException(conversationId, customerId);
            }
        }

        await slot.Gate.WaitAsync(cancellationToken);
        var state = StateSerializer.Deserialize(Expired(slot) || slot.Json is null ? default : slot.Json);
        return new Lease(conversationId, state, slot, time);
    }

    public Task<ConversationState> PeekAsync(string conversationId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_slots.TryGetValue(conversationId, out var slot) && slot.Json is { } json
            ? StateSerializer.Deserialize(json)
            : new ConversationState());

    private bool Expired(Slot slot) => slot.Json is not null && slot.LastWrite + options.IdleTtl < time.GetUtcNow();

    private sealed class Slot
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public string? Owner { get; set; }

        public byte[]? Json { get; set; }

        public DateTimeOffset LastWrite { get; set; }
    }

    private sealed class Lease(string conversationId, ConversationState state, Slot slot, TimeProvider time)
        : ConversationLease(conversationId, state)
    {
        private int _released;

        public override Task CommitAsync(CancellationToken cancellationToken = default)
        {
            ObjectDisposedException.ThrowIf(_released == 1, this);
            State.Version++;
            slot.Json = StateSerializer.Serialize(State);
            slot.LastWrite = time.GetUtcNow();
            return Task.CompletedTask;
        }

        public override ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slot.Gate.Release();
            }

            return ValueTask.CompletedTask;
        }
    }
}
