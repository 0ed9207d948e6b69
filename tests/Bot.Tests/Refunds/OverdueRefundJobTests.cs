using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ServiceBot.Bot.Refunds;
using ServiceBot.Knowledge.Loading;

namespace ServiceBot.Bot.Tests.Refunds;

public sealed class OverdueRefundJobTests
{
    [Fact]
    public async Task The_job_survives_failing_scans_and_marks_overdue_requests_when_the_store_recovers()
    {
        var clock = new ManualTimeProvider(RefundTestData.Now);
        var store = new FlakyStore(new InMemoryRefundStore(), failures: 3);
        var events = new RecordingRefundEvents();
        var service = new RefundService(store, RefundTestData.DemoOrders(clock), () => PolicyValues.Empty, clock, [events],
            NullLogger<RefundService>.Instance);
        var request = await service.SubmitAsync(RefundServiceHarness.Draft("c-alice", "202406180001", RefundType.RefundOnly, RefundReason.QualityIssue, 1m));
        clock.Advance(TimeSpan.FromDays(3));
        using var job = new OverdueRefundJob(service, clock, Options.Create(new RefundOptions { OverdueScanSeconds = 0.02 }),
            NullLogger<OverdueRefundJob>.Instance);

        await job.StartAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await service.GetAsync(request.Id))!.State != RefundState.MerchantOverdue && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await job.StopAsync(CancellationToken.None);
        Assert.Equal(RefundState.MerchantOverdue, (await service.GetAsync(request.Id))!.State);
        Assert.True(store.Scans > 3);
        Assert.False(job.ExecuteTask!.IsFaulted);
        Assert.Equal(RefundState.MerchantOverdue, events.Calls.Last().Change.To);
    }

    [Fact]
    public void The_scan_interval_defaults_to_30_seconds_and_must_be_positive()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), new RefundOptions().OverdueScanInterval);
        Assert.Throws<InvalidOperationException>(() => new RefundOptions { OverdueScanSeconds = 0 }.OverdueScanInterval);
    }

    /// <summary>A store whose overdue query fails the first few times, like Redis being down at startup.</summary>
    private sealed class FlakyStore(IRefundStore inner, int failures) : IRefundStore
    {
        private int _scans;

        public int Scans => _scans;

        public Task<IReadOnlyList<string>> DueForOverdueAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
            Interlocked.Increment(ref _scans) <= failures
                ? throw new TimeoutException("Redis is not answering")
                : inner.DueForOverdueAsync(now, cancellationToken);

        public Task<string> NextIdAsync(DateTimeOffset now, CancellationToken cancellationToken = default) => inner.NextIdAsync(now, cancellationToken);

        public Task<bool> TryCreateAsync(RefundRequest request, CancellationToken cancellationToken = default) => inner.TryCreateAsync(request, cancellationToken);

        public Task<RefundRequest?> GetAsync(string requestId, CancellationToken cancellationToken = default) => inner.GetAsync(requestId, cancellationToken);

        public Task<RefundRequest?> TryReplaceAsync(RefundRequest updated, long expectedVersion, CancellationToken cancellationToken = default) =>
            inner.TryReplaceAsync(updated, expectedVersion, cancellationToken);

        public Task<IReadOnlyList<RefundRequest>> ListByCustomerAsync(string customerId, CancellationToken cancellationToken = default) =>
            inner.ListByCustomerAsync(customerId, cancellationToken);

        public Task<IReadOnlyList<RefundRequest>> ListByOrderAsync(string customerId, string orderId, CancellationToken cancellationToken = default) =>
            inner.ListByOrderAsync(customerId, orderId, cancellationToken);

        public Task<IReadOnlyList<RefundRequest>> ListByMerchantAsync(string merchantId, CancellationToken cancellationToken = default) =>
            inner.ListByMerchantAsync(merchantId, cancellationToken);
    }
}
