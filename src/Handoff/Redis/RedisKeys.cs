namespace ServiceBot.Handoff.Redis;

/// <summary>
/// Builds every Redis key. Keys of one conversation share a hash tag ({c:id}) so multi-key scripts stay in one
/// cluster slot.
/// </summary>
public sealed class RedisKeys(string prefix)
{
    public string Prefix { get; } = prefix;

    /// <summary>The key the health check writes and reads back.</summary>
    public string HealthProbe => Prefix + "health:probe";

    public string ConversationState(string conversationId) => $"{Prefix}{{c:{conversationId}}}:state";
}
