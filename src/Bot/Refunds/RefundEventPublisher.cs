using Microsoft.Extensions.Logging;

namespace ServiceBot.Bot.Refunds;

/// <summary>Tells every <see cref="IRefundEvents"/> listener about each change; a failing listener is logged and skipped.</summary>
public sealed partial class RefundEventPublisher(IEnumerable<IRefundEvents> listeners, ILogger logger)
{
    private readonly IRefundEvents[] _listeners = listeners.ToArray();

    public async Task PublishAsync(RefundUpdate update)
    {
        foreach (var change in update.Changes)
        {
            foreach (var listener in _listeners)
            {
                try
                {
                    // Not the caller's token: the change is already stored, and a customer must hear about it even
                    // when the merchant's HTTP call that caused it has gone away.
                    await listener.OnChangedAsync(update.Request, change, CancellationToken.None);
                }
#pragma warning disable CA1031 // A listener's failure must never undo or fail a stored change.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    LogListenerFailed(logger, e, listener.GetType().Name, update.Request.Id, change.To);
                }
            }
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Error, Message = "Refund listener {Listener} failed on request {RequestId} moving to {State}")]
    private static partial void LogListenerFailed(ILogger logger, Exception exception, string listener, string requestId, RefundState state);
}
