using Microsoft.Extensions.Logging;
using ServiceBot.Handoff.Activities;
using ServiceBot.Handoff.Redis;

namespace ServiceBot.Handoff.Transcripts;

/// <summary>
/// The transcript in this process (the terminal chat, fast tests) with the Redis one's behaviour: activities kept as
/// the JSON Redis keeps, the same ids, cap and TTL, callbacks off the appender's thread. Not shared between instances;
/// a conversation's slot stays for the life of the process, as in the in-memory conversation store.
/// </summary>
public sealed class InMemoryTranscript(TranscriptOptions options, TimeProvider time, ILogger<InMemoryTranscript> logger) : ITranscript
{
    // One lock for every conversation: this serves one terminal or one test, and an append is a few list operations.
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Log> _logs = new(StringComparer.Ordinal);

    private static readonly AppendRule Anyone = new();

    public async Task<IReadOnlyList<TranscriptEntry>> AppendAsync(string conversationId, IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default) =>
        (await TryAppendAsync(conversationId, activities, Anyone, cancellationToken))!;

    public Task<string> FloorAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        RedisKeys.RequireSafeId(conversationId, "conversation id");
        lock (_gate)
        {
            return Task.FromResult(Current(conversationId).Floor);
        }
    }

    public Task<bool> ExistsAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        RedisKeys.RequireSafeId(conversationId, "conversation id");
        lock (_gate)
        {
            return Task.FromResult(Current(conversationId).Last > 0);
        }
    }

    public Task<IReadOnlyList<TranscriptEntry>?> TryAppendAsync(string conversationId, IReadOnlyList<Activity> activities, AppendRule rule,
        CancellationToken cancellationToken = default)
    {
        RedisKeys.RequireSafeId(conversationId, "conversation id");
        ArgumentNullException.ThrowIfNull(activities);
        ArgumentNullException.ThrowIfNull(rule);
        var stored = activities.Select(TranscriptFormat.Serialize).ToList();
        long last;
        Action<long, string?>[] listeners;
        lock (_gate)
        {
            var log = Current(conversationId);
            if ((rule.MustExist && log.Last == 0) || (rule.Speaker is { } speaker && log.Floor != speaker))
            {
                return Task.FromResult<IReadOnlyList<TranscriptEntry>?>(null);
            }

            log.Floor = rule.PassFloorTo ?? log.Floor;
            if (stored.Count == 0)
            {
                return Task.FromResult<IReadOnlyList<TranscriptEntry>?>([]);
            }

            log.Entries.AddRange(stored);
            log.Entries.RemoveRange(0, Math.Max(0, log.Entries.Count - options.Capacity));
            log.Last += stored.Count;
            log.LastAppend = time.GetUtcNow();
            (last, listeners) = (log.Last, [.. log.Listeners]);
        }

        var payload = string.Join('\n', stored.Select(json => System.Text.Encoding.UTF8.GetString(json)));
        foreach (var listener in listeners)
        {
            listener(last, payload);
        }

        return Task.FromResult<IReadOnlyList<TranscriptEntry>?>(TranscriptFormat.Appended(conversationId, activities, last));
    }

    public Task<TranscriptPage> ReadAsync(string conversationId, long watermark, int max = 100, CancellationToken cancellationToken = default)
    {
        RedisKeys.RequireSafeId(conversationId, "conversation id");
        TranscriptFormat.CheckRead(watermark, max);
        long from = 0;
        byte[][] found = [];
        lock (_gate)
        {
            var log = Current(conversationId);
            if (watermark < log.Last)
            {
                var first = log.Last - log.Entries.Count + 1; // the sequence of Entries[0]
                from = Math.Max(watermark + 1, first);
                var index = (int)(from - first);
                found = log.Entries.GetRange(index, Math.Min(max, log.Entries.Count - index)).ToArray();
            }
        }

        var entries = found.Select((json, i) => TranscriptFormat.Deserialize(conversationId, from + i, json)).ToList();
        return Task.FromResult(TranscriptFormat.Page(entries, watermark));
    }

    public Task<IAsyncDisposable> SubscribeAsync(string conversationId, Func<TranscriptAnnouncement, Task> onAppended, CancellationToken cancellationToken = default)
    {
        RedisKeys.RequireSafeId(conversationId, "conversation id");
        return TranscriptSubscription.StartAsync(conversationId, onAppended, logger, announce => Task.FromResult<IDisposable>(Listen(conversationId, announce)));
    }

    private OnDispose Listen(string conversationId, Action<long, string?> announce)
    {
        lock (_gate)
        {
            Current(conversationId).Listeners.Add(announce);
        }

        return new OnDispose(() =>
        {
            lock (_gate)
            {
                _logs[conversationId].Listeners.Remove(announce);
            }
        });
    }

    /// <summary>The conversation's log, emptied first when it idled past the TTL (as both Redis keys would expire).</summary>
    private Log Current(string conversationId)
    {
        if (!_logs.TryGetValue(conversationId, out var log))
        {
            _logs[conversationId] = log = new Log();
        }
        else if (log.Last > 0 && log.LastAppend + options.Ttl <= time.GetUtcNow())
        {
            log.Entries.Clear();
            log.Last = 0;
            log.Floor = Floor.Bot;
        }

        return log;
    }

    private sealed class Log
    {
        public List<byte[]> Entries { get; } = [];

        /// <summary>The last sequence handed out; Entries hold the newest of them, up to the capacity.</summary>
        public long Last { get; set; }

        public DateTimeOffset LastAppend { get; set; }

        public string Floor { get; set; } = Transcripts.Floor.Bot;

        public List<Action<long, string?>> Listeners { get; } = [];
    }
}
