using System.Diagnostics;
using Activity = ServiceBot.Handoff.Activities.Activity;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServiceBot.Handoff.Activities;
using ServiceBot.Bot.Hosting;
using ServiceBot.Bot.Refunds;
using ServiceBot.Bot.Turns;

namespace ServiceBot.Bench;

/// <summary>
/// C concurrent simulated customers each run full refund conversations through the real turn pipeline, in
/// process, with conversation state and refund requests in Redis (the same conversation as the botbuilder-js peer
/// in ../shared/peers, plus our optional-evidence step). Every reply is checked; a conversation that fails a check
/// counts as one error. Latency is one ProcessAsync call: lock, load, dialogs, save, unlock.
/// </summary>
internal static class RefundBench
{
    private const string OrderId = "202406180001";

    // [customer message, text the bot's last reply must contain]
    internal static readonly (string Text, string Expect)[] Script =
    [
        ("你好，我要退款", "请问是哪个订单"),
        ("12345", "订单号是 12 位数字"),
        (OrderId, "请选择退款类型"),
        ("退货退款", "请选择退款原因"),
        ("尺寸不符", "退款金额是多少"),
        ("88.50", "可以上传照片作为凭证"),
        ("跳过", "¥88.50"),
        ("确认", "退款申请已提交"),
    ];

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var concurrency = options.Int("concurrency", 50);
        var conversations = options.Int("conversations", 2000);
        // 2,000 conversations bring the JIT to its steady state (tier-1 code for the turn path and the framework code
        // it calls); after 200, as the peer warms up, much of it is still tier-0 and throughput is a quarter lower.
        var warmup = options.Int("warmup", 2000);
        var redis = options.Text("redis") ?? "127.0.0.1:6379";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = redis,
            ["Redis:KeyPrefix"] = $"bench:{Environment.ProcessId}:",
            ["Knowledge:Path"] = options.Text("knowledge") ?? FindKnowledge(),
            ["Conversations:Store"] = options.Text("store") ?? "redis",
            ["Refunds:Store"] = options.Text("store") ?? "redis",
        }).Build();
        await using var services = BotServices.Build(configuration, s => s.Replace(ServiceDescriptor.Singleton<IOrderService, BenchOrders>()));
        var processor = services.GetRequiredService<TurnProcessor>();

        await DriveAsync(processor, "warmup", warmup, concurrency);
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var gcBefore = GC.CollectionCount(0);
        var watch = Stopwatch.StartNew();
        var (latencies, errors) = await DriveAsync(processor, "run", conversations, concurrency);
        var seconds = watch.Elapsed.TotalSeconds;
        var allocatedKb = (GC.GetTotalAllocatedBytes() - allocatedBefore) / 1024.0 / Math.Max(latencies.Count, 1);
        var collections = GC.CollectionCount(0) - gcBefore;

        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c,
            $"{{\"bench\":\"refund\",\"concurrency\":{concurrency},\"conversations\":{conversations},\"turns\":{latencies.Count},\"seconds\":{seconds:F2},\"turns_per_s\":{latencies.Count / seconds:F0},\"p50_ms\":{Percentiles.Of(latencies, 50):F2},\"p99_ms\":{Percentiles.Of(latencies, 99):F2},\"errors\":{errors},\"alloc_kb_per_turn\":{allocatedKb:F1},\"gen0_collections\":{collections}}}"));
        return errors == 0 ? 0 : 1;
    }

    internal static Task<(List<double> Latencies, int Errors)> DriveAsync(TurnProcessor processor, string tag, int count, int concurrency)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        return BenchCustomers.RunAsync(count, concurrency, async (n, latencies) =>
        {
            var conversation = new ConversationAccount($"{run}-{tag}-{n}");
            var from = new ChannelAccount($"bench-{run}-{tag}-{n}");
            for (var t = 0; t < Script.Length; t++)
            {
                var (text, expect) = Script[t];
                var start = Stopwatch.GetTimestamp();
                var replies = await processor.ProcessAsync(new Activity { Id = $"{n}-{t}", Text = text, From = from, Conversation = conversation });
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (replies.Count == 0 || replies[^1].Text?.Contains(expect, StringComparison.Ordinal) != true)
                {
                    return $"turn {t} '{text}': expected '{expect}', got '{(replies.Count > 0 ? replies[^1].Text : "(nothing)")}'";
                }
            }

            return null;
        });
    }

    internal static string FindKnowledge()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "knowledge");
            if (Directory.Exists(Path.Combine(candidate, "faq")))
            {
                return candidate;
            }
        }

        return "knowledge";
    }

    /// <summary>Every bench customer owns one delivered order, so each conversation can file its own refund.</summary>
    internal sealed class BenchOrders : IOrderService
    {
        public Task<IReadOnlyList<Order>> RecentOrdersAsync(string customerId, int count, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<Order>>([OrderFor(customerId)]);

        public Task<Order?> FindAsync(string customerId, string orderId, CancellationToken cancellationToken = default) =>
            Task.FromResult(orderId == OrderId ? OrderFor(customerId) : null);

        private static Order OrderFor(string customerId) => new(
            OrderId, customerId, "m-bench", "羽绒服", "Down jacket", 199.00m, PaymentMethod.Wallet, OrderStatus.Delivered,
            GoodsCategory.General, DateTimeOffset.UtcNow.AddDays(-5), DateTimeOffset.UtcNow.AddDays(-2));
    }
}
