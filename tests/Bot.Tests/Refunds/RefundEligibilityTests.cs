using ServiceBot.Bot.Refunds;

namespace ServiceBot.Bot.Tests.Refunds;

public sealed class RefundEligibilityTests
{
    private const string Both = "RefundOnly,ReturnAndRefund";
    private const string Only = "RefundOnly";
    private const string NotReceived = "NotReceived,Other";
    private const string Problems = "QualityIssue,WrongSize,NotAsDescribed,DamagedInTransit,Other";
    private const string Any = "NoReason," + Problems;

    private static readonly ManualTimeProvider Clock = new(RefundTestData.Now);

    /// <summary>Every demo order, as the bot will find it.</summary>
    [Theory]
    [InlineData("c-alice", "202406180001", null, Both, Any)] // delivered 2 days ago
    [InlineData("c-alice", "202406150002", "ExcludedGoods", Both, Problems)] // 大闸蟹, delivered yesterday
    [InlineData("c-alice", "202406200003", "ExcludedGoods", Only, NotReceived)] // 话费充值
    [InlineData("c-alice", "202406210004", null, Only, NotReceived)] // in transit
    [InlineData("c-alice", "202405200005", "WindowPassed", "", "")] // delivered 30 days ago
    [InlineData("c-alice", "202406220006", "NotPaid", "", "")]
    [InlineData("c-bob", "202406100011", "ExcludedGoods", Both, Problems)] // 定制刻字
    [InlineData("c-bob", "202406120012", "AlreadyRefunded", "", "")]
    [InlineData("c-bob", "202406190013", null, Only, NotReceived)] // paid, not shipped
    [InlineData("c-bob", "202406160014", "WindowPassed", Both, Problems)] // 10 days: no-reason window over, quality still open
    [InlineData("c-bob", "202406200015", "WindowPassed", "", "")] // top-up 20 days ago
    [InlineData("c-bob", "202406210016", null, Only, NotReceived)] // fresh, in transit
    [InlineData("c-carol", "202406180021", null, Both, Any)]
    [InlineData("c-carol", "202406200022", null, Only, NotReceived)]
    [InlineData("c-carol", "202406210023", null, Only, NotReceived)] // custom-made, not shipped yet
    [InlineData("c-carol", "202406140024", "WindowPassed", "", "")] // fresh, 4 days: past fresh_report_hours
    [InlineData("c-carol", "202406220025", "NotPaid", "", "")]
    [InlineData("c-carol", "202406090026", "WindowPassed", "", "")] // 16 days
    public async Task Each_demo_order_gets_the_expected_answer(string customerId, string orderId, string? reason, string types, string reasons)
    {
        var order = await RefundTestData.DemoOrders(Clock).FindAsync(customerId, orderId);
        Assert.NotNull(order);

        var eligibility = RefundEligibility.Evaluate(order, [], RefundPolicy.Default, Clock.GetUtcNow());

        Assert.Equal(types.Length > 0, eligibility.Eligible);
        Assert.Equal(reason, eligibility.Reason?.ToString());
        Assert.Equal(types, string.Join(',', eligibility.AllowedTypes));
        Assert.Equal(reasons, string.Join(',', eligibility.AllowedReasons));
    }

    [Theory]
    [InlineData(RefundState.Submitted, IneligibleReason.RequestOpen)]
    [InlineData(RefundState.PlatformReview, IneligibleReason.RequestOpen)]
    [InlineData(RefundState.Refunding, IneligibleReason.RequestOpen)]
    [InlineData(RefundState.Refunded, IneligibleReason.AlreadyRefunded)]
    [InlineData(RefundState.Cancelled, null)]
    [InlineData(RefundState.Denied, null)]
    public void Earlier_requests_block_or_not(RefundState earlier, IneligibleReason? expected)
    {
        var eligibility = RefundEligibility.Evaluate(Delivered(TimeSpan.FromDays(2)), [RefundTestData.Request(state: earlier)], RefundPolicy.Default,
            RefundTestData.Now);

        Assert.Equal(expected is null, eligibility.Eligible);
        Assert.Equal(expected, eligibility.Reason);
    }

    [Theory]
    [InlineData(7 * 24 * 60, true, true)] // exactly 7 days: still "no reason"
    [InlineData(7 * 24 * 60 + 1, true, false)]
    [InlineData(15 * 24 * 60, true, false)] // exactly 15 days: quality problems still
    [InlineData(15 * 24 * 60 + 1, false, false)]
    public void Windows_close_after_the_policy_days(int minutesAgo, bool eligible, bool noReason)
    {
        var eligibility = RefundEligibility.Evaluate(Delivered(TimeSpan.FromMinutes(minutesAgo)), [], RefundPolicy.Default, RefundTestData.Now);

        Assert.Equal(eligible, eligibility.Eligible);
        Assert.Equal(noReason, eligibility.AllowedReasons.Contains(RefundReason.NoReason));
    }

    [Fact]
    public void Policy_values_decide_the_windows()
    {
        var policy = RefundPolicy.From(RefundTestData.Policy("return_window_days: 1\nquality_return_days: 3\n"));

        Assert.Equal(IneligibleReason.WindowPassed, RefundEligibility.Evaluate(Delivered(TimeSpan.FromDays(2)), [], policy, RefundTestData.Now).Reason);
        Assert.False(RefundEligibility.Evaluate(Delivered(TimeSpan.FromDays(4)), [], policy, RefundTestData.Now).Eligible);
    }

    private static Order Delivered(TimeSpan ago) => new("202406180099", "c-alice", "m-digital", "耳机", "Headphones", 299m,
        PaymentMethod.Wallet, OrderStatus.Delivered, GoodsCategory.General, RefundTestData.Now.AddDays(-20), RefundTestData.Now - ago);
}
