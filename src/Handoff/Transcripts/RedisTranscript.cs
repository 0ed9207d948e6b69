using System.Globalization;
using Microsoft.Extensions.Logging;
using ServiceBot.Handoff.Activities;
using ServiceBot.Handoff.Redis;
using StackExchange.Redis;

namespace ServiceBot.Handoff.Transcripts;

/// <summary>
/// The transcript as one Redis Stream per conversation whose entry ids are 0-&lt;sequence&gt;, so a watermark is a
/// stream id and a read is one XRANGE. One script numbers, appends, caps, refreshes the TTL and announces a batch,
/// so appenders on any instance never interleave inside a batch and nothing is announced that was not stored.
/// The cap is exact (MAXLEN without ~): a client sees the same bound on every store, and at chat rates trimming one
/// entry per append costs little (about 10% of XADD throughput on one hot key, measured; nothing per turn).
/// The stream and its counter share the conversation's hash tag; the channel goes in ARGV, as cluster wants.
/// </summary>
public sealed class RedisTranscript : ITranscript
{
    private const string Field = "a";

    // Announcements carry the batch (the JSON, one activity a line: JSON text has no raw newline) up to this size, so
    // a stream on any instance can send it on without reading it back; larger ones are announced bare.
    private const int MaxAnnouncedBytes = 64 * 1024;

    // KEYS: the stream, its sequence counter, the floor. ARGV: capacity, TTL (ms), channel, conversation id, '1' to
    // append only to a stream that exists (else -1), the largest batch announced with its activities, the speaker who
    // must hold the floor ('' for anyone; else -2), who gets the floor ('' keeps it), then the activities' JSON (each
    // stored under the field 'a', see Field). The floor is the bot's while its key is absent.
    // A counter lost while its stream stayed (evicted under memory pressure) goes on after the stream's newest entry,
    // because XADD refuses an id that is not above it.
    private const string AppendScript = """
        if ARGV[5] == '1' and redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
        if ARGV[7] ~= '' and (redis.call('GET', KEYS[3]) or 'bot') ~= ARGV[7] then return -2 end
        if redis.call('EXISTS', KEYS[2]) == 0 then
          local newest = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)[1]
          if newest then redis.call('SET', KEYS[2], string.match(newest[1], '%d+$')) end
        end
        local count = #ARGV - 8
        local last = redis.call('INCRBY', KEYS[2], count)
        local size = 0
        for i = 1, count do
          redis.call('XADD', KEYS[1], 'MAXLEN', ARGV[1], '0-' .. (last - count + i), 'a', ARGV[8 + i])
          size = size + #ARGV[8 + i]
        end
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        redis.call('PEXPIRE', KEYS[2], ARGV[2])
        if ARGV[8] == 'bot' then redis.call('DEL', KEYS[3])
        elseif ARGV[8] ~= '' then redis.call('SET', KEYS[3], ARGV[8], 'PX', ARGV[2])
        else redis.call('PEXPIRE', KEYS[3], ARGV[2]) end
        if count > 0 then
          local message = last .. ' ' .. ARGV[4]
          if size <= tonumber(ARGV[6]) then message = message .. '\n' .. table.concat(ARGV, '\n', 9) end
          redis.call('PUBLISH', ARGV[3], message)
        end
        return last
        """;

    private readonly RedisConnection _redis;
    private readonly TranscriptOptions _options;
    private readonly ILogger<RedisTranscript> _logger;
    private readonly RoutedChannel _appended;
    private readonly string _channel;

    public RedisTranscript(RedisConnection redis, TranscriptOptions options, ILogger<RedisTranscript> logger)
    {
        (_redis, _options, _logger) = (redis, options, logger);
        _appended = new RoutedChannel(redis, redis.Keys.TranscriptAppended, logger);
        _channel = redis.Keys.TranscriptAppended.ToString();
    }

    private static readonly AppendRule Anyone = new();

    public async Task<IReadOnlyList<TranscriptEntry>> AppendAsync(string conversationId, IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default) =>
        (await TryAppendAsync(conversationId, activities, Anyone, cancellationToken))!;

    public async Task<string> FloorAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var database = await _redis.DatabaseAsync();
        return (string?)await database.StringGetAsync(_redis.Keys.Conversation(conversationId).Floor).WaitAsync(cancellationToken) ?? Floor.Bot;
    }

    public async Task<bool> ExistsAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var key = _redis.Keys.Conversation(conversationId).Transcript;
        var database = await _redis.DatabaseAsync();
        return await database.KeyExistsAsync(key).WaitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<TranscriptEntry>?> TryAppendAsync(string conversationId, IReadOnlyList<Activity> activities, AppendRule rule,
        CancellationToken cancellationToken = default)
    {
        var keys = _redis.Keys.Conversation(conversationId);
        ArgumentNullException.ThrowIfNull(activities);
        ArgumentNullException.ThrowIfNull(rule);
        if (activities.Count == 0 && rule.PassFloorTo is null)
        {
            return (rule.MustExist && !await ExistsAsync(conversationId, cancellationToken)) ||
                (rule.Speaker is { } speaker && await FloorAsync(conversationId, cancellationToken) != speaker)
                ? null
                : [];
        }

        cancellationToken.ThrowIfCancellationRequested();
        RedisValue[] arguments =
        [
            _options.Capacity,
            Math.Max(1, (long)_options.Ttl.TotalMilliseconds),
            _channel,
            conversationId,
            rule.MustExist ? "1" : "0",
            MaxAnnouncedBytes,
            rule.Speaker ?? "",
            rule.PassFloorTo ?? "",
            .. activities.Select(a => (RedisValue)TranscriptFormat.Serialize(a)),
        ];
        var database = await _redis.DatabaseAsync();
        // Not abandoned on cancellation once sent: the caller must learn whether its activities were appended.
        var last = (long)await database.ScriptEvaluateAsync(AppendScript, [keys.Transcript, keys.TranscriptSequence, keys.Floor], arguments);
        return last < 0 ? null : TranscriptFormat.Appended(conversationId, activities, last);
    }

    public async Task<TranscriptPage> ReadAsync(string conversationId, long watermark, int max = 100, CancellationToken cancellationToken = default)
    {
        var key = _redis.Keys.Conversation(conversationId).Transcript;
        TranscriptFormat.CheckRead(watermark, max);
        if (watermark == long.MaxValue)
        {
            return TranscriptFormat.Page([], watermark);
        }

        var database = await _redis.DatabaseAsync();
        // An exclusive start "(0-w" needs Redis 6.2; every id is 0-<sequence>, so 0-<w+1> is the same on Redis 5.
        // What the cap dropped is simply not there: the range starts at the oldest entry kept.
        var found = await database.StreamRangeAsync(key, minId: "0-" + (watermark + 1).ToString(CultureInfo.InvariantCulture), maxId: "+", count: max)
            .WaitAsync(cancellationToken);
        var entries = found.Select(e => TranscriptFormat.Deserialize(conversationId, Sequence(e.Id), (byte[])e[Field]!)).ToList();
        return TranscriptFormat.Page(entries, watermark);
    }

    public Task<IAsyncDisposable> SubscribeAsync(string conversationId, Func<TranscriptAnnouncement, Task> onAppended, CancellationToken cancellationToken = default)
    {
        RedisKeys.RequireSafeId(conversationId, "conversation id");
        return TranscriptSubscription.StartAsync(conversationId, onAppended, _logger,
            announce => _appended.ListenAsync(conversationId, announce, cancellationToken));
    }

    private static long Sequence(RedisValue streamId)
    {
        var id = (string)streamId!;
        return long.Parse(id.AsSpan(id.IndexOf('-', StringComparison.Ordinal) + 1), NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
