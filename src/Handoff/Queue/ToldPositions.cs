using ServiceBot.Handoff.Redis;

namespace ServiceBot.Handoff.Queue;

/// <summary>
/// Which place in line each waiting customer was last told: <see cref="ChangedAsync"/> records a new one and says
/// whether it is news, atomically, so of several instances noticing the same change exactly one tells the customer.
/// </summary>
public sealed class ToldPositions(RedisConnection redis)
{
    // KEYS: the hash. ARGV: conversation id, position, TTL (ms). 1 when the position is new for that conversation.
    private const string ChangeScript = """
        if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return 0 end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        return 1
        """;

    private static readonly long Ttl = (long)TimeSpan.FromDays(1).TotalMilliseconds;

    public async Task<bool> ChangedAsync(string conversationId, long position, CancellationToken cancellationToken = default)
    {
        RedisKeys.RequireSafeId(conversationId, "conversation id");
        var database = await redis.DatabaseAsync();
        return (long)await database.ScriptEvaluateAsync(ChangeScript, [redis.Keys.Handoff.ToldPositions], [conversationId, position, Ttl]).WaitAsync(cancellationToken) == 1;
    }

    /// <summary>The conversation left the line: forget what it was told.</summary>
    public async Task ForgetAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var database = await redis.DatabaseAsync();
        await database.HashDeleteAsync(redis.Keys.Handoff.ToldPositions, RedisKeys.RequireSafeId(conversationId, "conversation id")).WaitAsync(cancellationToken);
    }
}
