using ServiceBot.Bot.Refunds;

namespace ServiceBot.Bot.Tests.Refunds;

public sealed class RefundServiceTests
{
    private static readonly Evidence[] MoreEvidence = [new("box.jpg", "image/jpeg", 2048, "https://files.example/box.jpg")];

    [Theory]
    [InlineData("memory")]
    [InlineData("redis")]
    public async Task Reject_intervention_approval_return_receipt_and_refund_end_to_end(string store)
    {
        await using var bot = RefundServiceHarness.Create(store);
        var submitted = await bot.SubmitHeadphonesAsync();
        Assert.Matches("^R20240620[0-9]{6}$", submitted.Id);
        Assert.Equal((RefundState.Submitted, "m-digital", PaymentMethod.Wallet), (submitted.State, submitted.MerchantId, submitted.PaymentMethod));
        Assert.Equal(RefundTestData.Now.AddDays(2), submitted.MerchantDeadline);

        bot.Clock.Advance(TimeSpan.FromHours(5));
        var rejected = await bot.Service.MerchantRejectAsync("m-digital", submitted.Id, "商品无质量问题");
        Assert.Equal((RefundState.MerchantRejected, "商品无质量问题"), (rejected.State, rejected.RejectReason));
        var reviewed = await bot.Service.RequestInterventionAsync("c-alice", submitted.Id, "耳机左侧无声，有视频为证");
        Assert.Equal("耳机左侧无声，有视频为证", reviewed.InterventionStatement);
        Assert.Equal(RefundState.AwaitingReturn, (await bot.Service.PlatformDecideAsync(submitted.Id, true, "凭证充分")).State);
        var shipped = await bot.Service.ShipReturnAsync("c-alice", submitted.Id, "顺丰速运", "SF1234567890");
        Assert.Equal(new ReturnShipment("顺丰速运", "SF1234567890", bot.Clock.GetUtcNow()), shipped.Return);
        Assert.Equal(RefundState.Refunding, (await bot.Service.ConfirmReceiptAsync("m-digital", submitted.Id)).State);
        bot.Clock.Advance(TimeSpan.FromMinutes(1));
        var refunded = await bot.Service.CompleteRefundAsync(submitted.Id);

        Assert.Equal((RefundState.Refunded, bot.Clock.GetUtcNow()), (refunded.State, refunded.RefundedAt));
        (RefundState, RefundState)[] expected =
        [
            (RefundState.Submitted, RefundState.Submitted),
            (RefundState.Submitted, RefundState.MerchantRejected),
            (RefundState.MerchantRejected, RefundState.PlatformReview),
            (RefundState.PlatformReview, RefundState.Approved),
            (RefundState.Approved, RefundState.AwaitingReturn),
            (RefundState.AwaitingReturn, RefundState.ReturnShipped),
            (RefundState.ReturnShipped, RefundState.MerchantReceived),
            (RefundState.MerchantReceived, RefundState.Refunding),
            (RefundState.Refunding, RefundState.Refunded),
        ];
        Assert.Equal(expected, refunded.History.Select(h => (h.From, h.To)));
        Assert.Equal(
            [RefundActor.Customer, RefundActor.Merchant, RefundActor.Customer, RefundActor.Platform, RefundActor.System, RefundActor.Customer,
                RefundActor.Merchant, RefundActor.System, RefundActor.Platform],
            refunded.History.Select(h => h.Actor));
        Assert.Equal(expected, bot.Events.Moves(submitted.Id));
        Assert.Equal(refunded.History, bot.Events.Calls.Select(c => c.Change));
        Assert.Equal(7, refunded.Version); // created at 1, then six operations
        Assert.Equal(RefundTestData.Json(refunded), RefundTestData.Json((await bot.Service.GetAsync(submitted.Id))!));

        var order = await RefundTestData.DemoOrders(bot.Clock).FindAsync("c-alice", "202406180001");
        Assert.Equal(IneligibleReason.AlreadyRefunded, (await bot.Service.CheckEligibilityAsync(order!)).Reason);
        Assert.Equal([submitted.Id], (await bot.Service.ListForCustomerAsync("c-alice")).Select(r => r.Id));
    }

    [Fact]
    public async Task An_agreed_refund_only_request_goes_to_payout_in_the_same_operation()
    {
        await using var bot = RefundServiceHarness.Create();
        var request = await bot.Service.SubmitAsync(RefundServiceHarness.Draft("c-bob", "202406190013", RefundType.RefundOnly, RefundReason.Other, 369.00m));

        var agreed = await bot.Service.MerchantAgreeAsync("m-apparel", request.Id);

        Assert.Equal(RefundState.Refunding, agreed.State);
        Assert.Equal(2, agreed.Version);
        Assert.Equal(
            [(RefundState.Submitted, RefundState.MerchantAgreed, RefundActor.Merchant), (RefundState.MerchantAgreed, RefundState.Refunding, RefundActor.System)],
            agreed.History.Skip(1).Select(h => (h.From, h.To, h.Actor)));
        Assert.Equal(3, bot.Events.Calls.Count);
        Assert.All(bot.Events.Calls.Skip(1), c => Assert.Equal(RefundState.Refunding, c.Request.State));
    }

    [Fact]
    public async Task A_counter_offer_accepted_refunds_the_offered_amount()
    {
        await using var bot = RefundServiceHarness.Create();
        var request = await bot.SubmitHeadphonesAsync();
        await Assert.ThrowsAsync<ArgumentException>(() =>
            bot.Service.MerchantCounterOfferAsync("m-digital", request.Id, new CounterOffer(1899.00m, false, null)));

        var offered = await bot.Service.MerchantCounterOfferAsync("m-digital", request.Id, new CounterOffer(300.50m, false, "补偿部分金额"));
        var accepted = await bot.Service.AcceptCounterOfferAsync("c-alice", request.Id);

        Assert.Equal((RefundState.MerchantCounterOffer, "补偿部分金额"), (offered.State, offered.History[^1].Note));
        Assert.Equal((RefundState.Refunding, 300.50m), (accepted.State, accepted.Amount));
    }

    [Fact]
    public async Task An_exchange_offer_cannot_be_accepted_as_a_refund_but_the_request_can_be_cancelled()
    {
        await using var bot = RefundServiceHarness.Create();
        var request = await bot.SubmitHeadphonesAsync();
        await bot.Service.MerchantCounterOfferAsync("m-digital", request.Id, new CounterOffer(null, true, "换新"));

        var e = await Assert.ThrowsAsync<RefundTransitionException>(() => bot.Service.AcceptCounterOfferAsync("c-alice", request.Id));

        Assert.Contains("exchange", e.Message, StringComparison.Ordinal);
        Assert.Equal(RefundState.Cancelled, (await bot.Service.CancelAsync("c-alice", request.Id)).State);
        Assert.True((await bot.Service.CheckEligibilityAsync((await RefundTestData.DemoOrders(bot.Clock).FindAsync("c-alice", "202406180001"))!)).Eligible);
    }

    [Fact]
    public async Task New_evidence_after_a_rejection_reopens_the_negotiation_with_a_fresh_deadline()
    {
        await using var bot = RefundServiceHarness.Create();
        var request = await bot.SubmitHeadphonesAsync();
        await bot.Service.MerchantRejectAsync("m-digital", request.Id, "请提供开箱照片");
        bot.Clock.Advance(TimeSpan.FromDays(1));

        var reopened = await bot.Service.AddEvidenceAsync("c-alice", request.Id, MoreEvidence, "开箱照片");

        Assert.Equal(RefundState.Submitted, reopened.State);
        Assert.Equal(bot.Clock.GetUtcNow().AddDays(2), reopened.MerchantDeadline);
        Assert.Null(reopened.RejectReason);
        Assert.Equal(2, reopened.Evidence.Count);
        Assert.Equal("请提供开箱照片", reopened.History[1].Note);
        Assert.Equal((RefundState.MerchantRejected, RefundState.Submitted, "开箱照片"), (reopened.History[^1].From, reopened.History[^1].To, reopened.History[^1].Note));
        Assert.Equal(RefundState.MerchantAgreed, (await bot.Service.MerchantAgreeAsync("m-digital", request.Id)).History[^2].To);
    }

    [Fact]
    public async Task Evidence_during_review_is_kept_without_changing_the_state()
    {
        await using var bot = RefundServiceHarness.Create();
        var request = await bot.SubmitHeadphonesAsync();
        await bot.Service.MerchantRejectAsync("m-digital", request.Id, "no");
        await bot.Service.RequestInterventionAsync("c-alice", request.Id, "please review");

        var updated = await bot.Service.AddEvidenceAsync("c-alice", request.Id, MoreEvidence, null);

        Assert.Equal((RefundState.PlatformReview, 2), (updated.State, updated.Evidence.Count));
        await Assert.ThrowsAsync<ArgumentException>(() => bot.Service.AddEvidenceAsync("c-alice", request.Id, [], null));
        await Assert.ThrowsAsync<ArgumentException>(() => bot.Service.AddEvidenceAsync("c-alice", request.Id, Enumerable.Repeat(MoreEvidence[0], 7).ToArray(), null));
    }

    [Fact]
    public async Task A_silent_merchant_becomes_overdue_once_and_the_customer_can_then_ask_the_platform()
    {
        await using var bot = RefundServiceHarness.Create();
        var late = await bot.SubmitHeadphonesAsync();
        var handled = await bot.Service.SubmitAsync(RefundServiceHarness.Draft("c-bob", "202406190013", RefundType.RefundOnly, RefundReason.Other, 369m));
        await bot.Service.MerchantAgreeAsync("m-apparel", handled.Id);

        Assert.Empty(await bot.Service.MarkOverdueAsync(bot.Clock.GetUtcNow().AddDays(2).AddSeconds(-1)));
        bot.Clock.Advance(TimeSpan.FromDays(2));
        var marked = await bot.Service.MarkOverdueAsync(bot.Clock.GetUtcNow());

        Assert.Equal([(late.Id, RefundState.MerchantOverdue)], marked.Select(r => (r.Id, r.State)));
        Assert.Equal(RefundActor.System, marked[0].History[^1].Actor);
        Assert.Empty(await bot.Service.MarkOverdueAsync(bot.Clock.GetUtcNow()));
        Assert.Equal(RefundState.PlatformReview, (await bot.Service.RequestInterventionAsync("c-alice", late.Id, "商家不处理")).State);
        await Assert.ThrowsAsync<RefundTransitionException>(() => bot.Service.MerchantAgreeAsync("m-digital", late.Id));
    }

    [Fact]
    public async Task A_queued_deadline_whose_request_is_gone_does_not_stop_the_overdue_scan()
    {
        await using var bot = RefundServiceHarness.Create("redis");
        var late = await bot.SubmitHeadphonesAsync();
        var database = await bot.Redis!.DatabaseAsync();
        await database.SortedSetAddAsync(bot.Redis.Keys.Refunds.MerchantDeadlines, "R20240101000001", 0); // due first, no request

        bot.Clock.Advance(TimeSpan.FromDays(2));
        var marked = await bot.Service.MarkOverdueAsync(bot.Clock.GetUtcNow());

        Assert.Equal([late.Id], marked.Select(r => r.Id));
    }

    [Fact]
    public async Task Intervention_closes_after_the_policy_window()
    {
        await using var bot = RefundServiceHarness.Create();
        var request = await bot.SubmitHeadphonesAsync();
        await bot.Service.MerchantRejectAsync("m-digital", request.Id, "no");
        bot.Clock.Advance(TimeSpan.FromDays(15).Add(TimeSpan.FromMinutes(1)));

        var e = await Assert.ThrowsAsync<RefundTransitionException>(() => bot.Service.RequestInterventionAsync("c-alice", request.Id, "please"));

        Assert.Contains("window", e.Message, StringComparison.Ordinal);
        Assert.Equal(RefundState.MerchantRejected, (await bot.Service.GetAsync(request.Id))!.State);
    }

    [Fact]
    public async Task Nobody_acts_on_a_request_that_is_not_theirs()
    {
        await using var bot = RefundServiceHarness.Create();
        var request = await bot.SubmitHeadphonesAsync();

        Assert.Contains("does not belong to this customer",
            (await Assert.ThrowsAsync<RefundTransitionException>(() => bot.Service.CancelAsync("c-bob", request.Id))).Message, StringComparison.Ordinal);
        Assert.Contains("does not belong to this merchant",
            (await Assert.ThrowsAsync<RefundTransitionException>(() => bot.Service.MerchantAgreeAsync("m-home", request.Id))).Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<RefundNotFoundException>(() => bot.Service.CancelAsync("c-alice", "R20240620999999"));
        Assert.Equal(RefundState.Submitted, (await bot.Service.GetAsync(request.Id))!.State);
    }

    [Fact]
    public async Task An_illegal_action_changes_nothing_and_tells_nobody()
    {
        await using var bot = RefundServiceHarness.Create();
        var request = await bot.SubmitHeadphonesAsync();

        var e = await Assert.ThrowsAsync<RefundTransitionException>(() => bot.Service.ConfirmReceiptAsync("m-digital", request.Id));

        Assert.Equal((RefundState.Submitted, RefundState.MerchantReceived), (e.From, e.To));
        Assert.Equal(1, (await bot.Service.GetAsync(request.Id))!.Version);
        Assert.Single(bot.Events.Calls);
    }

    [Theory]
    [InlineData("c-alice", "202406220006", RefundType.RefundOnly, RefundReason.Other, IneligibleReason.NotPaid)]
    [InlineData("c-alice", "202405200005", RefundType.RefundOnly, RefundReason.QualityIssue, IneligibleReason.WindowPassed)]
    [InlineData("c-bob", "202406120012", RefundType.RefundOnly, RefundReason.QualityIssue, IneligibleReason.AlreadyRefunded)]
    [InlineData("c-alice", "202406150002", RefundType.ReturnAndRefund, RefundReason.NoReason, IneligibleReason.ExcludedGoods)]
    [InlineData("c-alice", "202406210004", RefundType.ReturnAndRefund, RefundReason.NotReceived, null)] // in transit: nothing to return
    [InlineData("c-alice", "202406210004", RefundType.RefundOnly, RefundReason.QualityIssue, null)]
    [InlineData("c-bob", "202406180001", RefundType.RefundOnly, RefundReason.QualityIssue, null)] // Alice's order
    public async Task Submissions_the_rules_do_not_allow_are_refused_with_the_rule(string customerId, string orderId, RefundType type,
        RefundReason reason, IneligibleReason? rule)
    {
        await using var bot = RefundServiceHarness.Create();

        var e = await Assert.ThrowsAsync<RefundTransitionException>(() =>
            bot.Service.SubmitAsync(RefundServiceHarness.Draft(customerId, orderId, type, reason, 10m)));

        Assert.Equal(rule, e.Ineligible);
        Assert.Contains(orderId, e.Message, StringComparison.Ordinal);
        Assert.Empty(await bot.Service.ListForCustomerAsync(customerId));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1899.01)]
    [InlineData(10.001)]
    public async Task Amounts_must_be_positive_whole_cents_up_to_the_order_amount(decimal amount)
    {
        await using var bot = RefundServiceHarness.Create();

        await Assert.ThrowsAsync<ArgumentException>(() => bot.SubmitHeadphonesAsync(amount: amount));
    }

    [Fact]
    public async Task One_open_request_per_order_and_too_much_evidence_is_refused()
    {
        await using var bot = RefundServiceHarness.Create();
        await Assert.ThrowsAsync<ArgumentException>(() =>
            bot.Service.SubmitAsync(RefundServiceHarness.Draft("c-alice", "202406180001", RefundType.RefundOnly, RefundReason.QualityIssue, 1m, evidence: 7)));
        await bot.SubmitHeadphonesAsync();

        var e = await Assert.ThrowsAsync<RefundTransitionException>(() => bot.SubmitHeadphonesAsync());

        Assert.Equal(IneligibleReason.RequestOpen, e.Ineligible);
    }

    [Fact]
    public async Task Concurrent_submissions_for_one_order_create_one_request()
    {
        await using var bot = RefundServiceHarness.Create();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            try
            {
                return await bot.SubmitHeadphonesAsync();
            }
            catch (RefundTransitionException e) when (e.Ineligible == IneligibleReason.RequestOpen)
            {
                return null;
            }
        })));

        Assert.Single(attempts, a => a is not null);
        Assert.Single(await bot.Service.ListForCustomerAsync("c-alice"));
    }

    [Fact]
    public async Task A_reloaded_policy_applies_to_the_next_request()
    {
        await using var bot = RefundServiceHarness.Create();
        bot.Policy = RefundTestData.Policy("merchant_response_days: 5\n");

        var request = await bot.SubmitHeadphonesAsync();

        Assert.Equal(bot.Clock.GetUtcNow().AddDays(5), request.MerchantDeadline);
    }

    [Theory]
    [InlineData("SF123")]
    [InlineData("SF-12345678")]
    [InlineData("SF12345678901234567890")]
    [InlineData("顺丰12345678")]
    [InlineData("")]
    public async Task A_return_needs_a_plausible_tracking_number(string tracking)
    {
        await using var bot = RefundServiceHarness.Create();
        var request = await bot.SubmitHeadphonesAsync();
        await bot.Service.MerchantAgreeAsync("m-digital", request.Id);

        await Assert.ThrowsAsync<ArgumentException>(() => bot.Service.ShipReturnAsync("c-alice", request.Id, "顺丰", tracking));
        Assert.Equal(RefundState.ReturnShipped, (await bot.Service.ShipReturnAsync("c-alice", request.Id, "顺丰", "sf12345678")).State);
    }
}
