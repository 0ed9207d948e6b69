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

    /// <summary>
    /// How long one command may take before it fails (also while Redis is unreachable: commands wait this long for
    /// it to come back, then fail), so a request answers 503 instead of hanging.
    /// </summary>
    public int OperationTimeoutMs { get; set; } = 2000;

    /// <summary>The Retry-After (seconds) clients are told when Redis is unreachable.</summary>
    public int RetryAfterSeconds { get; set; } = 5;
}
