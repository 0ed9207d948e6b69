using System.Collections.Concurrent;
using ServiceBot.Bot.Refunds;

namespace ServiceBot.Bot.Tests.Refunds;

/// <summary>Remembers every change it is told about.</summary>
internal sealed class RecordingRefundEvents : IRefundEvents
{
    public ConcurrentQueue<(RefundRequest Request, RefundHistoryEntry Change)> Calls { get; } = new();

    public IEnumerable<(RefundState From, RefundState To)> Moves(string requestId) =>
        Calls.Where(c => c.Request.Id == requestId).Select(c => (c.Change.From, c.Change.To));

    public Task OnChangedAsync(RefundRequest request, RefundHistoryEntry change, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue((request, change));
        return Task.CompletedTask;
    }
}

/// <summary>A listener that always fails: the operation must succeed anyway.</summary>
internal sealed class ThrowingRefundEvents : IRefundEvents
{
    public Task OnChangedAsync(RefundRequest request, RefundHistoryEntry change, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("listener is broken");
}
