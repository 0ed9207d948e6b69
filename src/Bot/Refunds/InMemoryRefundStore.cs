namespace ServiceBot.Bot.Refunds;

/// <summary>Refund requests in this process only (tests, `Refunds:Store = memory`); the same rules as Redis.</summary>
public sealed class InMemoryRefundStore : IRefundStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, RefundRequest> _requests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _sequences = new(StringComparer.Ordinal);

    public Task<string> NextIdAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var day = RefundIds.Day(now);
        lock (_lock)
        {
            var sequence = _sequences[day] = _sequences.GetValueOrDefault(day) + 1;
            return Task.FromResult(RefundIds.Format(day, sequence));
        }
    }

    public Task<bool> TryCreateAsync(RefundRequest request, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_requests.Values.Any(r => r.CustomerId == request.CustomerId && r.OrderId == request.OrderId && !RefundStateMachine.IsFinal(r.State)))
            {
                return Task.FromResult(false);
            }

            if (!_requests.TryAdd(request.Id, request))
            {
                throw new InvalidOperationException($"Refund request {request.Id} already exists.");
            }

            return Task.FromResult(true);
        }
    }

    public Task<RefundRequest?> GetAsync(string requestId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_requests.GetValueOrDefault(requestId));
        }
    }

    public Task<RefundRequest?> TryReplaceAsync(RefundRequest updated, long expectedVersion, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var current = _requests.GetValueOrDefault(updated.Id) ?? throw new RefundNotFoundException(updated.Id);
            if (current.Version != expectedVersion)
            {
                return Task.FromResult<RefundRequest?>(null);
            }

            var stored = _requests[updated.Id] = updated with { Version = expectedVersion + 1 };
            return Task.FromResult<RefundRequest?>(stored);
        }
    }

    public Task<IReadOnlyList<RefundRequest>> ListByCustomerAsync(string customerId, CancellationToken cancellationToken = default) =>
        List(r => r.CustomerId == customerId);

    public Task<IReadOnlyList<RefundRequest>> ListByOrderAsync(string customerId, string orderId, CancellationToken cancellationToken = default) =>
        List(r => r.CustomerId == customerId && r.OrderId == orderId);

    public Task<IReadOnlyList<RefundRequest>> ListByMerchantAsync(string merchantId, CancellationToken cancellationToken = default) =>
        List(r => r.MerchantId == merchantId);

    public Task<IReadOnlyList<string>> DueForOverdueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<string> due = _requests.Values
                .Where(r => r is { State: RefundState.Submitted, MerchantDeadline: { } deadline } && deadline <= now)
                .OrderBy(r => r.MerchantDeadline)
                .Select(r => r.Id)
                .ToArray();
            return Task.FromResult(due);
        }
    }

    private Task<IReadOnlyList<RefundRequest>> List(Func<RefundRequest, bool> match)
    {
        lock (_lock)
        {
            IReadOnlyList<RefundRequest> requests = _requests.Values.Where(match)
                .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id, StringComparer.Ordinal).ToArray();
            return Task.FromResult(requests);
        }
    }
}
