using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ServiceBot.Bot.Refunds;

/// <summary>
/// Marks Submitted requests whose merchant deadline passed as MerchantOverdue, every few seconds. Safe on several
/// instances at once (each move is compare-and-set); a failed scan (Redis down…) is logged and the next one tries again.
/// </summary>
public sealed partial class OverdueRefundJob(IRefundService refunds, TimeProvider time, IOptions<RefundOptions> options,
    ILogger<OverdueRefundJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.OverdueScanInterval, time);
        try
        {
            do
            {
                await ScanAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }

    private async Task ScanAsync(CancellationToken stoppingToken)
    {
        try
        {
            var marked = await refunds.MarkOverdueAsync(time.GetUtcNow(), stoppingToken);
            if (marked.Count > 0)
            {
                LogMarked(logger, marked.Count);
            }
        }
#pragma warning disable CA1031 // The job must outlive any failure; the next tick retries.
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogScanFailed(logger, e);
        }
    }

    [LoggerMessage(EventId = 3120, Level = LogLevel.Information, Message = "Marked {Count} refund requests as merchant-overdue")]
    private static partial void LogMarked(ILogger logger, int count);

    [LoggerMessage(EventId = 3121, Level = LogLevel.Warning, Message = "Overdue refund scan failed; retrying on the next tick")]
    private static partial void LogScanFailed(ILogger logger, Exception exception);
}
