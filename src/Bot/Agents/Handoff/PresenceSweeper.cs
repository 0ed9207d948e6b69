using ServiceBot.Handoff.Queue;

namespace ServiceBot.Bot.Agents.Handoff;

/// <summary>
/// Every few seconds, on every instance (the sweep is idempotent and safe to run concurrently): agents silent past
/// the presence timeout lose their chats back to the front of the queue, lapsed offers go back; customers are told.
/// </summary>
public sealed partial class PresenceSweeper(PresenceSweep sweep, HandoffNotices notices, ILogger<PresenceSweeper> logger) : BackgroundService
{
    public static TimeSpan Period { get; } = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var result = await sweep.SweepAsync(stoppingToken);
                await notices.PublishAsync(result, cancellationToken: stoppingToken);
            }
            catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
            {
                LogSweepFailed(logger, e); // Redis is away: the next tick tries again
            }
        }
    }

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "The presence sweep failed; trying again")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
