namespace ServiceBot.Handoff.Redis;

/// <summary>How to reach Redis: "ConnectionStrings:Redis" and the "Redis" section of configuration.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";
    public const string ConnectionStringName = "Redis";

    /// <summary>StackExchange.Redis configuration string, e.g. "localhost:6379,password=…".</summary>
    public string ConnectionString { get; set; } = "localhost:6379";

    /// <summary>Prefix of every key, so several deployments can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "sb:";

    public int ConnectTimeoutMs { get; set; } = 2000;
}
