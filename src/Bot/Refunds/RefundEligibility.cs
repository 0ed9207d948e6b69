namespace ServiceBot.Bot.Refunds;

/// <summary>The refund guide's rules on who may ask for what: payment, windows, excluded goods, one open request.</summary>
public static class RefundEligibility
{
    /// <summary>Before delivery, and for top-ups, only "it did not arrive" (or something else) makes sense.</summary>
    private static readonly RefundReason[] NotReceivedReasons = [RefundReason.NotReceived, RefundReason.Other];

    private static readonly RefundReason[] ProblemReasons =
        [RefundReason.QualityIssue, RefundReason.WrongSize, RefundReason.NotAsDescribed, RefundReason.DamagedInTransit, RefundReason.Other];

    private static readonly RefundReason[] AnyDeliveredReason = [RefundReason.NoReason, .. ProblemReasons];

    private static readonly RefundType[] RefundOnly = [RefundType.RefundOnly];

    private static readonly RefundType[] BothTypes = [RefundType.RefundOnly, RefundType.ReturnAndRefund];

    /// <param name="requests">The order's existing refund requests.</param>
    public static Eligibility Evaluate(Order order, IEnumerable<RefundRequest> requests, RefundPolicy policy, DateTimeOffset now)
    {
        var existing = requests.ToList();
        if (order.Status == OrderStatus.Unpaid)
        {
            return No(IneligibleReason.NotPaid);
        }

        if (order.Refunded || existing.Any(r => r.State == RefundState.Refunded))
        {
            return No(IneligibleReason.AlreadyRefunded);
        }

        if (existing.Any(r => !RefundStateMachine.IsFinal(r.State)))
        {
            return No(IneligibleReason.RequestOpen);
        }

        if (order.Status != OrderStatus.Delivered || order.DeliveredAt is not { } deliveredAt)
        {
            return Yes(RefundOnly, NotReceivedReasons);
        }

        var sinceDelivery = now - deliveredAt;
        if (sinceDelivery > ClaimWindow(order.Category, policy))
        {
            return No(IneligibleReason.WindowPassed);
        }

        return order.Category switch
        {
            GoodsCategory.Virtual => Yes(RefundOnly, NotReceivedReasons, IneligibleReason.ExcludedGoods),
            GoodsCategory.FreshFood or GoodsCategory.CustomMade => Yes(BothTypes, ProblemReasons, IneligibleReason.ExcludedGoods),
            _ when sinceDelivery > TimeSpan.FromDays(policy.ReturnWindowDays) => Yes(BothTypes, ProblemReasons, IneligibleReason.WindowPassed),
            _ => Yes(BothTypes, AnyDeliveredReason),
        };
    }

    /// <summary>How long after delivery a problem can still be claimed; spoiled fresh food must be reported within hours.</summary>
    private static TimeSpan ClaimWindow(GoodsCategory category, RefundPolicy policy)
    {
        var quality = TimeSpan.FromDays(policy.QualityReturnDays);
        return category == GoodsCategory.FreshFood ? TimeSpan.FromHours(Math.Min(policy.FreshReportHours, quality.TotalHours)) : quality;
    }

    private static Eligibility No(IneligibleReason reason) => new(false, reason, [], []);

    private static Eligibility Yes(RefundType[] types, RefundReason[] reasons, IneligibleReason? narrowedBy = null) =>
        new(true, narrowedBy, types, reasons);
}
