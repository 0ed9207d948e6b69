using System.Text.Json;
using System.Text.Json.Serialization;
using ServiceBot.Handoff.Redis;

namespace ServiceBot.Handoff.Queue;

/// <summary>One private note an agent left on a conversation.</summary>
public sealed record AgentNote(string Agent, string Text, DateTimeOffset At);

/// <summary>Agents' private notes on a conversation: kept beside the queue, never in the customer's transcript; capped and expiring.</summary>
public sealed class AgentNotes(RedisConnection redis, HandoffOptions options, TimeProvider time)
{
    private const int Kept = 100;

    public async Task AddAsync(string conversationId, string agent, string text, CancellationToken cancellationToken = default)
    {
        var key = redis.Keys.Handoff.Notes(conversationId);
        var json = JsonSerializer.Serialize(new AgentNote(agent, text, time.GetUtcNow()), AgentNoteJsonContext.Default.AgentNote);
        var database = await redis.DatabaseAsync();
        var batch = database.CreateTransaction();
        _ = batch.ListRightPushAsync(key, json);
        _ = batch.ListTrimAsync(key, -Kept, -1);
        _ = batch.KeyExpireAsync(key, options.ResolutionTtl);
        await batch.ExecuteAsync().WaitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AgentNote>> ReadAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var database = await redis.DatabaseAsync();
        var found = await database.ListRangeAsync(redis.Keys.Handoff.Notes(conversationId)).WaitAsync(cancellationToken);
        return [.. found.Select(n => JsonSerializer.Deserialize((string)n!, AgentNoteJsonContext.Default.AgentNote)!)];
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AgentNote))]
internal sealed partial class AgentNoteJsonContext : JsonSerializerContext;
