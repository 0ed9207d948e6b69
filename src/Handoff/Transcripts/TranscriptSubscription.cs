using Microsoft.Extensions.Logging;

namespace ServiceBot.Handoff.Transcripts;

/// <summary>
/// One subscriber's callback, run on the thread pool and one call at a time: announcements that arrive while it runs
/// fold into one call with the newest sequence, and a sequence no newer than one already passed on is dropped
/// (pub/sub handlers may run concurrently and out of order). A failing callback is logged and called again next time.
/// </summary>
internal sealed partial class TranscriptSubscription : IAsyncDisposable
{
    private readonly string _conversationId;
    private readonly Func<long, Task> _onAppended;
    private readonly ILogger _logger;
    private IDisposable? _registration;
    private long _announced;
    private long _delivered; // only the running pump touches it
    private int _running;
    private volatile bool _stopped;

    private TranscriptSubscription(string conversationId, Func<long, Task> onAppended, ILogger logger) =>
        (_conversationId, _onAppended, _logger) = (conversationId, onAppended, logger);

    /// <summary>A subscription whose announcements come from the listener <paramref name="listen"/> registers.</summary>
    public static async Task<IAsyncDisposable> StartAsync(string conversationId, Func<long, Task> onAppended, ILogger logger, Func<Action<long>, Task<IDisposable>> listen)
    {
        ArgumentNullException.ThrowIfNull(onAppended);
        var subscription = new TranscriptSubscription(conversationId, onAppended, logger);
        subscription._registration = await listen(subscription.Announce);
        return subscription;
    }

    /// <summary>Stops new calls at once; a call already running finishes (waiting for it could deadlock a callback that disposes).</summary>
    public ValueTask DisposeAsync()
    {
        _stopped = true;
        _registration?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Called by the announcer (the multiplexer's thread, or an appender): records and hands off, never blocks.</summary>
    private void Announce(long sequence)
    {
        long current;
        while (sequence > (current = Volatile.Read(ref _announced)) && Interlocked.CompareExchange(ref _announced, sequence, current) != current)
        {
        }

        if (!_stopped && Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            _ = Task.Run(PumpAsync);
        }
    }

    private async Task PumpAsync()
    {
        do
        {
            long sequence;
            while (!_stopped && (sequence = Volatile.Read(ref _announced)) > _delivered)
            {
                _delivered = sequence;
                await CallAsync(sequence);
            }

            Volatile.Write(ref _running, 0);
            // An announcement that came after the last look found the pump still running: look again.
        }
        while (!_stopped && Volatile.Read(ref _announced) > _delivered && Interlocked.CompareExchange(ref _running, 1, 0) == 0);
    }

    private async Task CallAsync(long sequence)
    {
        try
        {
            await _onAppended(sequence);
        }
#pragma warning disable CA1031 // No exception escapes a callback: it would end the pump, and nobody awaits it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogCallbackFailed(_logger, e, _conversationId, sequence);
        }
    }

    [LoggerMessage(EventId = 2111, Level = LogLevel.Error, Message = "A transcript subscriber of conversation {ConversationId} failed on sequence {Sequence}")]
    private static partial void LogCallbackFailed(ILogger logger, Exception exception, string conversationId, long sequence);
}
