using Microsoft.Extensions.Logging.Abstractions;
using ServiceBot.Bot.Refunds;
using ServiceBot.Handoff.Redis;
using ServiceBot.Knowledge.Loading;
using ServiceBot.Tests.Support;

namespace ServiceBot.Bot.Tests.Refunds;

/// <summary>A <see cref="RefundService"/> over the demo orders, a hand-moved clock, listeners, and either store.</summary>
internal sealed class RefundServiceHarness : IAsyncDisposable
{
    private readonly RedisConnection? _redis;

    private RefundServiceHarness(IRefundStore store, RedisConnection? redis)
    {
        _redis = redis;
        Store = store;
        Service = new RefundService(store, RefundTestData.DemoOrders(Clock), () => Policy, Clock,
            [new ThrowingRefundEvents(), Events], NullLogger<RefundService>.Instance);
    }

    public ManualTimeProvider Clock { get; } = new(RefundTestData.Now);

    public RecordingRefundEvents Events { get; } = new();

    /// <summary>What policy.yaml says right now; tests change it to play a hot reload.</summary>
    public PolicyValues Policy { get; set; } = PolicyValues.Empty;

    public IRefundStore Store { get; }

    /// <summary>The Redis behind the store, when it is the Redis one.</summary>
    public RedisConnection? Redis => _redis;

    public RefundService Service { get; }

    public static RefundServiceHarness Create(string store = "memory")
    {
        if (store == "memory")
        {
            return new RefundServiceHarness(new InMemoryRefundStore(), null);
        }

        var redis = new RedisConnection(new RedisOptions { ConnectionString = TestRedis.ConnectionString, KeyPrefix = TestRedis.UniquePrefix() },
            NullLogger<RedisConnection>.Instance);
        return new RefundServiceHarness(new RedisRefundStore(redis), redis);
    }

    /// <summary>Alice's headphones, delivered 2 days ago (m-digital, ¥1899.00).</summary>
    public Task<RefundRequest> SubmitHeadphonesAsync(RefundType type = RefundType.ReturnAndRefund, RefundReason reason = RefundReason.QualityIssue,
        decimal amount = 1899.00m) =>
        Service.SubmitAsync(Draft("c-alice", "202406180001", type, reason, amount));

    public static RefundDraft Draft(string customerId, string orderId, RefundType type, RefundReason reason, decimal amount, int evidence = 1) =>
        new(customerId, orderId, type, reason, "说明", amount,
            Enumerable.Range(0, evidence).Select(i => new Evidence($"{i}.jpg", "image/jpeg", 1000, $"https://files.example/{i}.jpg")).ToArray(),
            "conv-1");

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
