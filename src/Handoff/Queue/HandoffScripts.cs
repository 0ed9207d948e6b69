using ServiceBot.Handoff.Redis;
using StackExchange.Redis;

namespace ServiceBot.Handoff.Queue;

/// <summary>
/// Runs the scripts of <see cref="HandoffLua"/> with their common arguments (root, now from the TimeProvider, TTL,
/// sample cap, presence timeout) and reads what they return. StackExchange.Redis sends a known script as EVALSHA.
/// </summary>
internal sealed class HandoffScripts(RedisConnection redis, HandoffOptions options, TimeProvider time)
{
    public HandoffKeys Keys { get; } = redis.Keys.Handoff;

    public HandoffOptions Options { get; } = options.Validate();

    public long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    public async Task<RedisResult> EvaluateAsync(string script, RedisKey[] keys, RedisValue[] arguments, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        RedisValue[] all =
        [
            Keys.Root, Now, Milliseconds(Options.OwnerTtl), Options.Samples, Milliseconds(Options.PresenceTimeout), .. arguments,
        ];
        var database = await redis.DatabaseAsync();
        // Not abandoned on cancellation once sent: the caller must learn whether the change happened.
        return await database.ScriptEvaluateAsync(script, keys, all);
    }

    public async Task<HandoffResult> RunAsync(string script, RedisKey[] keys, RedisValue[] arguments, CancellationToken cancellationToken) =>
        Read(await EvaluateAsync(script, keys, arguments, cancellationToken));

    public static long Milliseconds(TimeSpan span) => Math.Max(1, (long)span.TotalMilliseconds);

    /// <summary>{outcome, id, agent, position, load, changes}; each change {id, kind, agent, from, position}.</summary>
    private static HandoffResult Read(RedisResult result)
    {
        var parts = (RedisResult[])result!;
        var changes = ((RedisResult[])parts[5]!).Select(c =>
        {
            var f = (RedisResult[])c!;
            return new StatusChange((string)f[0]!, HandoffNames.ParseKind((string?)f[1]), NullIfEmpty(f[2]), NullIfEmpty(f[3]), (long)f[4]);
        }).ToList();
        return new HandoffResult(Enum.Parse<HandoffOutcome>((string)parts[0]!), NullIfEmpty(parts[1]), NullIfEmpty(parts[2]),
            (long)parts[3], (long)parts[4], changes);
    }

    private static string? NullIfEmpty(RedisResult value) => (string?)value is { Length: > 0 } text ? text : null;
}
