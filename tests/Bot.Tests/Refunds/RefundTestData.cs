using System.Text.Json;
using ServiceBot.Bot.Refunds;
using ServiceBot.Knowledge.Loading;
using ServiceBot.Knowledge.Model;

namespace ServiceBot.Bot.Tests.Refunds;

internal static class RefundTestData
{
    public static readonly DateTimeOffset Now = new(2024, 6, 20, 2, 0, 0, TimeSpan.Zero);

    public static PolicyValues Policy(string yaml)
    {
        var problems = new List<Problem>();
        var policy = PolicyValues.Parse("policy.yaml", yaml, problems);
        Assert.Empty(problems);
        return policy;
    }

    public static SeedOrderService DemoOrders(TimeProvider time) => SeedOrderService.Load(SeedOrderService.DefaultPath, time);

    /// <summary>A request as submitted: one history entry, version 1.</summary>
    public static RefundRequest Request(string id = "R20240620000001", RefundState state = RefundState.Submitted,
        RefundType type = RefundType.ReturnAndRefund, string customerId = "c-alice", string orderId = "202406180001",
        string merchantId = "m-digital", DateTimeOffset? at = null)
    {
        var when = at ?? Now;
        return new RefundRequest(id, customerId, orderId, merchantId, type, RefundReason.QualityIssue, "屏幕有划痕", 1899.00m,
            PaymentMethod.Wallet, [new Evidence("scratch.jpg", "image/jpeg", 123_456, "https://files.example/scratch.jpg")],
            state, when, when, when.AddDays(2), null, null, null, null, null, "conv-1",
            [new RefundHistoryEntry(when, RefundActor.Customer, RefundState.Submitted, state, null)], Version: 1);
    }

    /// <summary>Records compare by reference on their lists; their JSON compares by value.</summary>
    public static string Json(RefundRequest request) => JsonSerializer.Serialize(request, RefundJsonContext.Default.RefundRequest);
}
