using Microsoft.Extensions.Logging;

namespace ServiceBot.Handoff.Transcripts;

/// <summary>
/// One subscriber's callback, run on the thread pool and one call at a time: announcements that arrive while it runs
/// fold into one call with the newest sequence and all their entries, and a sequence no newer than one already passed
/// on is dropped (pub/sub handlers may run concurrently and out of order). A failing callback is logged and called
/// again next time. Announced entries are parsed here, off the announcer's thread; at most <see cref="MaxPending"/>
/// wait for a slow callback, beyond that they are dropped (the callback then reads what it misses).
/// </summary>
internal sealed partial class TranscriptSubscription : IAsyncDisposable
{
    private const int MaxPending = 1000;

    private readonly string _conversationId;
    private readonly Func<TranscriptAnnouncement, Task> _onAppended;
    private readonly Lock _gate = new();
    private List<(long Last, string Payload)> _pending = [];
    private int _pendingLines;
    private readonly ILogger _logger;
    private IDisposable? _registration;
    private long _announced;
    private long _delivered; // only the running pump touches it
    private int _running;
    private volatile bool _stopped;

    private TranscriptSubscription(string conversationId, Func<TranscriptAnnouncement, Task> onAppended, ILogger logger) =>
        (_conversationId, _onAppended, _logger) = (conversationId, onAppended, logger);

    /// <summary>A subscription whose announcements come from the listener <paramref name="listen"/> registers.</summary>
    /// <remarks>An announcement is the batch's last sequence and, optionally, the batch's stored JSON, one activity a line.</remarks>
    public static async Task<IAsyncDisposable> StartAsync(string conversationId, Func<TranscriptAnnouncement, Task> onAppended, ILogger logger,
        Func<Action<long, string?>, Task<IDisposable>> listen)
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
    private void Announce(long sequence, string? payload)
    {
        if (payload is not null)
        {
            lock (_gate)
            {
                if (_pendingLines < MaxPending)
                {
                    _pending.Add((sequence, payload));
                    _pendingLines += payload.AsSpan().Count('\n') + 1;
                }
            }
        }

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
                await CallAsync(new TranscriptAnnouncement(sequence, TakeAnnouncedEntries()));
            }

            Volatile.Write(ref _running, 0);
            // An announcement that came after the last look found the pump still running: look again.
        }
        while (!_stopped && Volatile.Read(ref _announced) > _delivered && Interlocked.CompareExchange(ref _running, 1, 0) == 0);
    }

    /// <summary>The entries announced since the last call, oldest first.</summary>
    private List<TranscriptEntry> TakeAnnouncedEntries()
    {
        List<(long Last, string Payload)> taken;
        lock (_gate)
        {
            (taken, _pending, _pendingLines) = (_pending, [], 0);
        }

        var entries = new List<TranscriptEntry>();
        foreach (var (last, payload) in taken)
        {
            var lines = payload.Split('\n');
            try
            {
                entries.AddRange(lines.Select((json, i) => TranscriptFormat.Deserialize(_conversationId, last - lines.Length + 1 + i, json)));
            }
            catch (System.Text.Json.JsonException)
            {
                // Not what our scripts publish: the callback reads instead.
            }
        }

        entries.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        return entries;
    }

    private async Task CallAsync(TranscriptAnnouncement announcement)
    {
        var sequence = announcement.LastSequence;
        try
        {
            await _onAppended(announcement);
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
