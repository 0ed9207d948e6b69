using ServiceBot.Handoff.Redis;

namespace ServiceBot.Bot.Conversations;

/// <summary>
/// Wakes a waiting message when its turn comes: the script that releases a conversation publishes
/// "ticket conversationId" on one channel, and only the waiter holding that ticket (on whichever instance) wakes.
/// One subscription per process, made on the first wait (the routed channel's); every waiter of the conversation on
/// this instance hears a release and checks the ticket. A lost message costs a timer tick, never a turn.
/// </summary>
internal sealed class TurnWakeups(RoutedChannel released)
{
    /// <summary>Registers the waiter of <paramref name="ticket"/>; dispose the result when it stops waiting.</summary>
    public async Task<Listener> ListenAsync(string conversationId, long ticket)
    {
        var signal = new SemaphoreSlim(0);
        // Runs on the multiplexer's thread: a comparison and a release, nothing that can throw or block.
        var registration = await released.ListenAsync(conversationId, woken =>
        {
            if (woken == ticket)
            {
                signal.Release();
            }
        });
        return new Listener(registration, ticket, signal);
    }

    public sealed class Listener(IDisposable registration, long ticket, SemaphoreSlim signal) : IDisposable
    {
        public long Ticket { get; } = ticket;

        /// <summary>True when woken, false when the time ran out first.</summary>
        public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);

        // The semaphore is not disposed: a wake-up racing the removal may still release it, harmlessly.
        public void Dispose() => registration.Dispose();
    }
}
