using ServiceBot.Bot.Refunds;

namespace ServiceBot.Bot.Tests.Refunds;

public sealed class SeedOrderServiceTests
{
    private static readonly string[] Customers = ["c-alice", "c-bob", "c-carol"];

    private readonly ManualTimeProvider _clock = new(RefundTestData.Now);

    [Fact]
    public async Task The_demo_customers_have_varied_orders_paid_every_way()
    {
        var orders = RefundTestData.DemoOrders(_clock);
        var all = new List<Order>();
        foreach (var customer in Customers)
        {
            var mine = await orders.RecentOrdersAsync(customer, 100);
            Assert.InRange(mine.Count, 5, 8);
            Assert.All(mine, o => Assert.Equal(customer, o.CustomerId));
            Assert.Equal(mine.OrderByDescending(o => o.OrderedAt), mine);
            all.AddRange(mine);
        }

        Assert.All(all, o => Assert.Matches("^[0-9]{12}$", o.Id));
        Assert.All(all, o => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", o.Title));
        Assert.All(all, o => Assert.Matches("^[A-Za-z]", o.TitleEn));
        Assert.Equal(Enum.GetValues<PaymentMethod>().Order(), all.Select(o => o.PaymentMethod).Distinct().Order());
        Assert.Equal(Enum.GetValues<OrderStatus>().Order(), all.Select(o => o.Status).Distinct().Order());
        Assert.Equal(Enum.GetValues<GoodsCategory>().Order(), all.Select(o => o.Category).Distinct().Order());
        Assert.Contains(all, o => o.Refunded);
        Assert.Contains(all, o => decimal.Truncate(o.Amount) != o.Amount);
    }

    [Fact]
    public async Task The_benchmark_order_is_alices_delivered_general_item()
    {
        var order = await RefundTestData.DemoOrders(_clock).FindAsync("c-alice", "202406180001");

        Assert.NotNull(order);
        Assert.Equal((OrderStatus.Delivered, GoodsCategory.General), (order.Status, order.Category));
        Assert.True(order.Amount >= 199);
        Assert.Equal(RefundTestData.Now.AddDays(-2), order.DeliveredAt);
    }

    [Fact]
    public async Task Dates_follow_the_clock_so_the_seed_never_ages()
    {
        var orders = RefundTestData.DemoOrders(_clock);
        _clock.Advance(TimeSpan.FromDays(365));

        var order = await orders.FindAsync("c-alice", "202406180001");

        Assert.Equal(_clock.GetUtcNow().AddDays(-2), order!.DeliveredAt);
    }

    [Fact]
    public async Task Another_customers_order_is_not_found()
    {
        var orders = RefundTestData.DemoOrders(_clock);

        Assert.Null(await orders.FindAsync("c-bob", "202406180001"));
        Assert.Null(await orders.FindAsync("c-nobody", "202406180001"));
        Assert.Empty(await orders.RecentOrdersAsync("c-nobody", 5));
        Assert.Equal(2, (await orders.RecentOrdersAsync("c-alice", 2)).Count);
    }

    [Fact]
    public void A_broken_seed_file_names_the_problem()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """{"orders":[{"id":"123","customerId":"c","merchantId":"m","title":"t","titleEn":"t","amount":1,"paymentMethod":"Wallet","status":"Paid","category":"General","orderedDaysAgo":1}]}""");
            var e = Assert.Throws<InvalidDataException>(() => SeedOrderService.Load(path, _clock));
            Assert.Contains("'123' is not 12 digits", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
