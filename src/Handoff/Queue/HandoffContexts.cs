using ServiceBot.Handoff.Redis;

namespace ServiceBot.Handoff.Queue;

/// <summary>
/// The context snapshot an agent sees on taking a conversation (transcript excerpt, dialog values, orders, summary):
/// JSON the host builds, kept under the conversation's own hash tag, apart from the queue's one slot, because it is
/// written and read on its own, never inside a queue script.
/// </summary>
public sealed class HandoffContexts(RedisConnection redis, HandoffOptions options)
{
    /// <summary>Larger snapshots are refused: one is read on every takeover, so an unbounded one is a bug to hear about.</summary>
    public const int MaxBytes = 64 * 1024;

    private readonly HandoffOptions _options = options.Validate();

    public async Task WriteAsync(string conversationId, string json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(System.Text.Encoding.UTF8.GetByteCount(json), MaxBytes, nameof(json));
        var database = await redis.DatabaseAsync();
        await database.StringSetAsync(redis.Keys.Conversation(conversationId).HandoffContext, json, _options.ContextTtl).WaitAsync(cancellationToken);
    }

    /// <summary>The snapshot's JSON, or null when none was written or it expired.</summary>
    public async Task<string?> ReadAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var database = await redis.DatabaseAsync();
        return await database.StringGetAsync(redis.Keys.Conversation(conversationId).HandoffContext).WaitAsync(cancellationToken);
    }
}
