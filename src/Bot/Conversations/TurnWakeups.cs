using System.Collections.Concurrent;
using ServiceBot.Handoff.Redis;
using StackExchange.Redis;

namespace ServiceBot.Bot.Conversations;

/// <summary>
/// Wakes a waiting message when its turn comes: the script that releases a conversation publishes
/// "ticket conversationId" on one channel, and only the waiter holding that ticket (on whichever instance) wakes.
/// One subscription per process, made on the first wait; a lost message costs a timer tick, never a turn.
/// </summary>
internal sealed class TurnWakeups(RedisConnection redis)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _waiting = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private Task? _subscription;

    public static string Message(long ticket, string conversationId) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{ticket} {conversationId}");

    /// <summary>Registers the waiter of <paramref name="ticket"/>; dispose the result when it stops waiting.</summary>
    public async Task<Listener> ListenAsync(string conversationId, long ticket)
    {
        await SubscribeOnceAsync();
        var key = Message(ticket, conversationId);
        var signal = new SemaphoreSlim(0);
        _waiting[key] = signal;
        return new Listener(this, key, ticket, signal);
    }

    /// <summary>Subscribes on the first call; a failed subscription (Redis down) is tried again by the next waiter.</summary>
    private Task SubscribeOnceAsync()
    {
        lock (_gate)
        {
            if (_subscription is null || _subscription.IsFaulted || _subscription.IsCanceled)
            {
                _subscription = SubscribeAsync();
            }

            return _subscription;
        }
    }

    private async Task SubscribeAsync()
    {
        var subscriber = await redis.SubscriberAsync();
        try
        {
            await subscriber.SubscribeAsync(redis.Keys.TurnReleased, OnMessage);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // The client keeps the handler even when SUBSCRIBE failed; the next attempt would add a second one.
            subscriber.Unsubscribe(redis.Keys.TurnReleased, OnMessage, CommandFlags.FireAndForget);
            throw;
        }
    }

    private void OnMessage(RedisChannel channel, RedisValue message) => Wake(message);

    private void Wake(RedisValue message)
    {
        // Runs on the multiplexer's callback: a dictionary look-up and a release, nothing that can throw or block.
        if (!message.IsNullOrEmpty && _waiting.TryGetValue((string)message!, out var signal))
        {
            signal.Release();
        }
    }

    public sealed class Listener(TurnWakeups owner, string key, long ticket, SemaphoreSlim signal) : IDisposable
    {
        public long Ticket { get; } = ticket;

        /// <summary>True when woken, false when the time ran out first.</summary>
        public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);

        // The semaphore is not disposed: a wake-up racing the removal may still release it, harmlessly.
        public void Dispose() => owner._waiting.TryRemove(new KeyValuePair<string, SemaphoreSlim>(key, signal));
    }
}
