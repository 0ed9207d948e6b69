using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ServiceBot.Handoff.Redis;

/// <summary>
/// One shared multiplexer, connected lazily with AbortOnConnectFail=false so the service starts (and reports
/// itself unhealthy) while Redis is down, and reconnects by itself when Redis comes back.
/// </summary>
public sealed partial class RedisConnection : IAsyncDisposable
{
    private readonly RedisOptions _options;
    private readonly ILogger<RedisConnection> _logger;
    private readonly Lazy<Task<IConnectionMultiplexer>> _multiplexer;

    public RedisConnection(RedisOptions options, ILogger<RedisConnection> logger)
    {
        _options = options;
        _logger = logger;
        Keys = new RedisKeys(options.KeyPrefix);
        _multiplexer = new Lazy<Task<IConnectionMultiplexer>>(ConnectAsync);
    }

    public RedisKeys Keys { get; }

    public async Task<IDatabase> DatabaseAsync() => (await _multiplexer.Value).GetDatabase();

    public async Task<ISubscriber> SubscriberAsync() => (await _multiplexer.Value).GetSubscriber();

    /// <summary>Round-trips a PING; returns null when healthy, or a message saying why Redis is not usable.</summary>
    public async Task<string?> CheckAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var database = await DatabaseAsync().WaitAsync(cancellationToken);
            await database.PingAsync().WaitAsync(TimeSpan.FromMilliseconds(_options.ConnectTimeoutMs), cancellationToken);
            return null;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return $"Redis at '{Redact(_options.ConnectionString)}' is not reachable: {e.Message}";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer.IsValueCreated)
        {
            await (await _multiplexer.Value).DisposeAsync();
        }
    }

    private async Task<IConnectionMultiplexer> ConnectAsync()
    {
        var configuration = ConfigurationOptions.Parse(_options.ConnectionString);
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = _options.ConnectTimeoutMs;
        configuration.SyncTimeout = _options.OperationTimeoutMs;
        configuration.AsyncTimeout = _options.OperationTimeoutMs;
        // Timeouts are noticed on the heartbeat: a quarter of the timeout keeps a failing command near its limit.
        configuration.HeartbeatInterval = TimeSpan.FromMilliseconds(Math.Clamp(_options.OperationTimeoutMs / 4, 100, 1000));
        // Reconnect attempts every quarter second, so service resumes within about a second of Redis returning.
        configuration.ReconnectRetryPolicy = new LinearRetry(250);
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration);
        multiplexer.ConnectionFailed += (_, e) => LogConnectionFailed(_logger, e.EndPoint, e.FailureType);
        multiplexer.ConnectionRestored += (_, e) => LogConnectionRestored(_logger, e.EndPoint);
        return multiplexer;
    }

    /// <summary>Connection strings may carry a password; never log or return it.</summary>
    internal static string Redact(string connectionString) =>
        string.Join(',', connectionString.Split(',').Where(p => !p.TrimStart().StartsWith("password", StringComparison.OrdinalIgnoreCase)));

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Redis connection to {Endpoint} failed: {Failure}")]
    private static partial void LogConnectionFailed(ILogger logger, System.Net.EndPoint? endpoint, ConnectionFailureType failure);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Redis connection to {Endpoint} restored")]
    private static partial void LogConnectionRestored(ILogger logger, System.Net.EndPoint? endpoint);
}
