using System.Text.Json;
using ServiceBot.Handoff.Activities;
using ServiceBot.Handoff.Redis;
using StackExchange.Redis;

namespace ServiceBot.Bot.Conversations;

/// <summary>The outbox as a capped Redis list per conversation (same hash tag as its state).</summary>
public sealed class RedisConversationOutbox(RedisConnection redis, ConversationOptions options) : IConversationOutbox
{
    private const int Capacity = 100;

    // Pops everything atomically so two readers never deliver the same message twice.
    private static readonly LuaScript DrainScript = LuaScript.Prepare("""
        local items = redis.call('LRANGE', @key, 0, -1)
        redis.call('DEL', @key)
        return items
        """);

    public async Task AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken = default)
    {
        var database = await redis.DatabaseAsync();
        var key = Key(conversationId);
        var batch = database.CreateBatch();
        var push = batch.ListRightPushAsync(key, JsonSerializer.SerializeToUtf8Bytes(activity, ActivityJsonContext.Default.Activity));
        var trim = batch.ListTrimAsync(key, -Capacity, -1);
        var expire = batch.KeyExpireAsync(key, options.IdleTtl);
        batch.Execute();
        await Task.WhenAll(push, trim, expire);
    }

    public async Task<IReadOnlyList<Activity>> DrainAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var database = await redis.DatabaseAsync();
        var items = (RedisResult[])(await database.ScriptEvaluateAsync(DrainScript, new { key = Key(conversationId) }))!;
        return items.Select(i => JsonSerializer.Deserialize((byte[])i!, ActivityJsonContext.Default.Activity)!).ToList();
    }

    private RedisKey Key(string conversationId) => redis.Keys.Conversation(conversationId).Outbox;
}
