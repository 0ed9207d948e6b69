using ServiceBot.Bot.Refunds;

namespace ServiceBot.Bot.Tests.Refunds;

/// <summary>What every <see cref="IRefundStore"/> must do; each implementation runs all of it.</summary>
public abstract class RefundStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = RefundTestData.Now;

    protected IRefundStore Store { get; private set; } = null!;

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected abstract Task<IRefundStore> CreateStoreAsync();

    [Fact]
    public async Task Ids_are_R_date_and_six_digits_and_unique()
    {
        var ids = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Store.NextIdAsync(Now)));

        Assert.All(ids, id => Assert.Matches("^R20240620[0-9]{6}$", id));
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.StartsWith("R20240621", await Store.NextIdAsync(Now.AddDays(1)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_created_request_reads_back_unchanged()
    {
        var request = RefundTestData.Request() with
        {
            CounterOffer = new CounterOffer(12.34m, true, "换一件"),
            Return = new ReturnShipment("顺丰", "SF1234567890", Now),
            RefundedAt = Now,
            InterventionStatement = "商家不回复",
        };

        Assert.True(await Store.TryCreateAsync(request));

        Assert.Equal(RefundTestData.Json(request), RefundTestData.Json((await Store.GetAsync(request.Id))!));
        Assert.Null(await Store.GetAsync("R20240620999999"));
    }

    [Fact]
    public async Task One_open_request_per_customer_order()
    {
        var first = RefundTestData.Request("R20240620000001");
        Assert.True(await Store.TryCreateAsync(first));

        Assert.False(await Store.TryCreateAsync(RefundTestData.Request("R20240620000002")));
        Assert.Null(await Store.GetAsync("R20240620000002"));
        // Order ids are only unique per customer.
        Assert.True(await Store.TryCreateAsync(RefundTestData.Request("R20240620000003", customerId: "c-bob")));

        await Store.UpdateAsync(first.Id, r => RefundStateMachine.Move(r, RefundState.Cancelled, RefundActor.Customer, Now));
        Assert.True(await Store.TryCreateAsync(RefundTestData.Request("R20240620000004")));
    }

    [Fact]
    public async Task Replace_is_compare_and_set_on_the_version()
    {
        var request = RefundTestData.Request();
        await Store.TryCreateAsync(request);
        var changed = request with { ReasonText = "changed" };

        var stored = await Store.TryReplaceAsync(changed, expectedVersion: 1);
        Assert.Equal(2, stored!.Version);
        Assert.Null(await Store.TryReplaceAsync(request with { ReasonText = "stale" }, expectedVersion: 1));
        Assert.Equal("changed", (await Store.GetAsync(request.Id))!.ReasonText);
        Assert.Equal(2, (await Store.GetAsync(request.Id))!.Version);
        await Assert.ThrowsAsync<RefundNotFoundException>(() => Store.TryReplaceAsync(RefundTestData.Request("R20240620999999"), 1));
    }

    [Fact]
    public async Task Twenty_parallel_updates_to_one_request_are_all_kept()
    {
        var request = RefundTestData.Request();
        await Store.TryCreateAsync(request);

        var updates = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => Store.UpdateAsync(request.Id, r => r with
        {
            History = [.. r.History, new RefundHistoryEntry(Now, RefundActor.System, r.State, r.State, $"update {i}")],
        }))));

        var stored = (await Store.GetAsync(request.Id))!;
        Assert.Equal(21, stored.Version);
        Assert.Equal(21, stored.History.Count);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"update {i}").Order(), stored.History.Skip(1).Select(h => h.Note!).Order());
        Assert.All(updates, u => Assert.Single(u.Changes));
        Assert.Equal(Enumerable.Range(2, 20).Select(v => (long)v), updates.Select(u => u.Request.Version).Order());
    }

    [Fact]
    public async Task An_update_that_changes_nothing_writes_nothing()
    {
        var request = RefundTestData.Request();
        await Store.TryCreateAsync(request);

        var update = await Store.UpdateAsync(request.Id, r => r);

        Assert.Empty(update.Changes);
        Assert.Equal(1, (await Store.GetAsync(request.Id))!.Version);
        await Assert.ThrowsAsync<RefundNotFoundException>(() => Store.UpdateAsync("R20240620999999", r => r));
    }

    [Fact]
    public async Task Lists_by_customer_order_and_merchant_newest_first()
    {
        var older = RefundTestData.Request("R20240620000001", state: RefundState.Cancelled, at: Now.AddHours(-1));
        var newer = RefundTestData.Request("R20240620000002");
        var bobs = RefundTestData.Request("R20240620000003", customerId: "c-bob", orderId: "202406190013", merchantId: "m-apparel");
        foreach (var request in new[] { older, newer, bobs })
        {
            Assert.True(await Store.TryCreateAsync(request));
        }

        Assert.Equal([newer.Id, older.Id], (await Store.ListByCustomerAsync("c-alice")).Select(r => r.Id));
        Assert.Equal([newer.Id, older.Id], (await Store.ListByOrderAsync("c-alice", "202406180001")).Select(r => r.Id));
        Assert.Equal([newer.Id, older.Id], (await Store.ListByMerchantAsync("m-digital")).Select(r => r.Id));
        Assert.Equal([bobs.Id], (await Store.ListByMerchantAsync("m-apparel")).Select(r => r.Id));
        Assert.Empty(await Store.ListByOrderAsync("c-bob", "202406180001"));
        Assert.Empty(await Store.ListByCustomerAsync("c-nobody"));
    }

    [Fact]
    public async Task Submitted_requests_come_due_at_their_merchant_deadline_and_leave_when_they_move_on()
    {
        var request = RefundTestData.Request(); // deadline Now + 2 days
        await Store.TryCreateAsync(request);
        var deadline = request.MerchantDeadline!.Value;

        Assert.Empty(await Store.DueForOverdueAsync(deadline.AddSeconds(-1)));
        Assert.Equal([request.Id], await Store.DueForOverdueAsync(deadline));

        await Store.UpdateAsync(request.Id, r => RefundStateMachine.Move(r, RefundState.MerchantRejected, RefundActor.Merchant, Now, "no"));
        Assert.Empty(await Store.DueForOverdueAsync(deadline.AddDays(10)));

        await Store.UpdateAsync(request.Id, r => RefundStateMachine.Move(r, RefundState.Submitted, RefundActor.Customer, Now) with
        {
            MerchantDeadline = deadline.AddDays(5),
        });
        Assert.Empty(await Store.DueForOverdueAsync(deadline.AddDays(4)));
        Assert.Equal([request.Id], await Store.DueForOverdueAsync(deadline.AddDays(5)));
    }
}
