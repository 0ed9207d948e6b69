using System.Text.Json;
using ServiceBot.Handoff.Redis;
using StackExchange.Redis;

namespace ServiceBot.Bot.Refunds;

/// <summary>
/// Refund requests in Redis: JSON per request, index sets per customer, order and merchant, and a deadline queue.
/// Requests are business records and are kept; every index is bounded by the requests it points at.
/// </summary>
public sealed class RedisRefundStore(RedisConnection redis) : IRefundStore
{
    private const string NextIdScript = """
        local n = redis.call('INCR', KEYS[1])
        if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
        return n
        """;

    // KEYS: request, open marker of its order, customer, order and merchant indexes, deadline queue.
    // ARGV: json, id, deadline score ('' = not queued), '1' when the state is final.
    // Returns 1 stored, 0 the order has an open request, -1 duplicate id.
    private const string CreateScript = """
        if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
        if not redis.call('SET', KEYS[1], ARGV[1], 'NX') then return -1 end
        if ARGV[4] ~= '1' then redis.call('SET', KEYS[2], ARGV[2]) end
        redis.call('SADD', KEYS[3], ARGV[2])
        redis.call('SADD', KEYS[4], ARGV[2])
        redis.call('SADD', KEYS[5], ARGV[2])
        if ARGV[3] ~= '' then redis.call('ZADD', KEYS[6], ARGV[3], ARGV[2]) end
        return 1
        """;

    // KEYS: request, open marker of its order, deadline queue.
    // ARGV: expected version, json, id, deadline score ('' = not queued), '1' when the new state is final.
    // Returns 1 stored, 0 version conflict, -1 missing. The queue and the marker change with the request, atomically.
    private const string ReplaceScript = """
        local current = redis.call('GET', KEYS[1])
        if not current then return -1 end
        if cjson.decode(current).version ~= tonumber(ARGV[1]) then return 0 end
        redis.call('SET', KEYS[1], ARGV[2])
        if ARGV[4] ~= '' then redis.call('ZADD', KEYS[3], ARGV[4], ARGV[3]) else redis.call('ZREM', KEYS[3], ARGV[3]) end
        if ARGV[5] == '1' and redis.call('GET', KEYS[2]) == ARGV[3] then redis.call('DEL', KEYS[2]) end
        return 1
        """;

    /// <summary>Ids are per UTC day; the counter only has to outlive its day.</summary>
    private static readonly TimeSpan SequenceLifetime = TimeSpan.FromDays(2);

    private readonly RefundKeys _keys = redis.Keys.Refunds;

    public async Task<string> NextIdAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var day = RefundIds.Day(now);
        var database = await redis.DatabaseAsync();
        var sequence = (long)await database.ScriptEvaluateAsync(NextIdScript,
            [_keys.Sequence(day)], [(long)SequenceLifetime.TotalSeconds]);
        return RefundIds.Format(day, sequence);
    }

    public async Task<bool> TryCreateAsync(RefundRequest request, CancellationToken cancellationToken = default)
    {
        var database = await redis.DatabaseAsync();
        var result = (int)await database.ScriptEvaluateAsync(CreateScript,
            [
                _keys.Request(request.Id), _keys.OpenRequest(request.CustomerId, request.OrderId), _keys.ByCustomer(request.CustomerId),
                _keys.ByOrder(request.CustomerId, request.OrderId), _keys.ByMerchant(request.MerchantId), _keys.MerchantDeadlines,
            ],
            [Serialize(request), request.Id, DeadlineScore(request), FinalFlag(request)]);
        return result switch
        {
            1 => true,
            0 => false,
            _ => throw new InvalidOperationException($"Refund request {request.Id} already exists; the id sequence was reset."),
        };
    }

    public async Task<RefundRequest?> GetAsync(string requestId, CancellationToken cancellationToken = default)
    {
        if (!RefundIds.IsValid(requestId))
        {
            return null;
        }

        var database = await redis.DatabaseAsync();
        return Deserialize(await database.StringGetAsync(_keys.Request(requestId)));
    }

    public async Task<RefundRequest?> TryReplaceAsync(RefundRequest updated, long expectedVersion, CancellationToken cancellationToken = default)
    {
        if (!RefundIds.IsValid(updated.Id))
        {
            throw new RefundNotFoundException(updated.Id);
        }

        var stored = updated with { Version = expectedVersion + 1 };
        var database = await redis.DatabaseAsync();
        var result = (int)await database.ScriptEvaluateAsync(ReplaceScript,
            [_keys.Request(updated.Id), _keys.OpenRequest(updated.CustomerId, updated.OrderId), _keys.MerchantDeadlines],
            [expectedVersion, Serialize(stored), updated.Id, DeadlineScore(stored), FinalFlag(stored)]);
        return result switch
        {
            1 => stored,
            0 => null,
            _ => throw new RefundNotFoundException(updated.Id),
        };
    }

    public Task<IReadOnlyList<RefundRequest>> ListByCustomerAsync(string customerId, CancellationToken cancellationToken = default) =>
        ListAsync(_keys.ByCustomer(customerId));

    public Task<IReadOnlyList<RefundRequest>> ListByOrderAsync(string customerId, string orderId, CancellationToken cancellationToken = default) =>
        ListAsync(_keys.ByOrder(customerId, orderId));

    public Task<IReadOnlyList<RefundRequest>> ListByMerchantAsync(string merchantId, CancellationToken cancellationToken = default) =>
        ListAsync(_keys.ByMerchant(merchantId));

    public async Task<IReadOnlyList<string>> DueForOverdueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var database = await redis.DatabaseAsync();
        var ids = await database.SortedSetRangeByScoreAsync(_keys.MerchantDeadlines, double.NegativeInfinity, now.ToUnixTimeMilliseconds());
        return ids.Select(id => id.ToString()).ToArray();
    }

    private async Task<IReadOnlyList<RefundRequest>> ListAsync(string indexKey)
    {
        var database = await redis.DatabaseAsync();
        var ids = await database.SetMembersAsync(indexKey);
        if (ids.Length == 0)
        {
            return [];
        }

        var values = await database.StringGetAsync(ids.Select(id => (RedisKey)_keys.Request(id.ToString())).ToArray());
        return values.Select(Deserialize).OfType<RefundRequest>().OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Only Submitted requests wait in the deadline queue; any other state takes the request out of it.</summary>
    private static string DeadlineScore(RefundRequest request) =>
        request is { State: RefundState.Submitted, MerchantDeadline: { } deadline }
            ? deadline.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)
            : "";

    private static string FinalFlag(RefundRequest request) => RefundStateMachine.IsFinal(request.State) ? "1" : "0";

    private static string Serialize(RefundRequest request) => JsonSerializer.Serialize(request, RefundJsonContext.Default.RefundRequest);

    private static RefundRequest? Deserialize(RedisValue value) =>
        value.IsNullOrEmpty ? null : JsonSerializer.Deserialize((string)value!, RefundJsonContext.Default.RefundRequest);
}
