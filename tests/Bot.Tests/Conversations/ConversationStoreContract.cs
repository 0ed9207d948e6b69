using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using ServiceBot.Bot.Conversations;
using ServiceBot.Bot.Dialogs;
using ServiceBot.Bot.Dialogs.Prompts;
using ServiceBot.Bot.Dialogs.Refund;
using ServiceBot.Bot.Refunds;
using ServiceBot.Handoff.Redis;
using ServiceBot.Tests.Support;

namespace ServiceBot.Bot.Tests.Conversations;

/// <summary>What every conversation store must do; run against the in-memory store and a real Redis.</summary>
public abstract class ConversationStoreContract
{
    protected static ConversationOptions Options(TimeSpan? idle = null) => new() { IdleTtl = idle ?? TimeSpan.FromHours(1), Lease = TimeSpan.FromSeconds(5) };

    protected const string Customer = "c-alice";

    protected abstract IConversationStore CreateStore(ConversationOptions options);

    private static string NewId() => "conv-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task A_new_conversation_starts_with_empty_state()
    {
        var store = CreateStore(Options());
        await using var lease = await store.EnterAsync(NewId(), Customer);
        Assert.Empty(lease.State.Stack);
        Assert.Equal(0, lease.State.Version);
        Assert.Null(lease.State.Locale);
    }

    [Fact]
    public async Task Committed_state_round_trips_and_the_version_increments()
    {
        var store = CreateStore(Options());
        var id = NewId();
        await using (var lease = await store.EnterAsync(id, Customer))
        {
            lease.State.Locale = "en";
            lease.State.Stack.Add(new DialogInstance
            {
                Id = "refund.file",
                State = new ComponentState
                {
                    Stack =
                    [
                        new DialogInstance { Id = "steps", State = new WaterfallState<RefundFilingValues> { Step = 4, Values = new() { OrderId = "202406180001", Amount = 59.9m, Type = RefundType.ReturnAndRefund } } },
                        new DialogInstance { Id = "amount", State = new PromptState { Attempts = 2, Options = new() { Prompt = "多少？", Max = 199m, Choices = [new() { Value = "full", Title = "全额" }] } } },
                    ],
                },
            });
            lease.State.ClarifyChoices.Add("refund-arrival-time");
            await lease.CommitAsync();
        }

        await using var again = await store.EnterAsync(id, Customer);
        Assert.Equal(1, again.State.Version);
        Assert.Equal("en", again.State.Locale);
        Assert.Equal("refund.file", Assert.Single(again.State.Stack).Id);
        var inner = Assert.IsType<ComponentState>(again.State.Stack[0].State).Stack;
        var waterfall = Assert.IsType<WaterfallState<RefundFilingValues>>(inner[0].State);
        Assert.Equal((4, "202406180001", 59.9m, RefundType.ReturnAndRefund), (waterfall.Step, waterfall.Values.OrderId, waterfall.Values.Amount!.Value, waterfall.Values.Type!.Value));
        var prompt = Assert.IsType<PromptState>(inner[1].State);
        Assert.Equal((2, 199m, "全额"), (prompt.Attempts, prompt.Options.Max!.Value, prompt.Options.Choices[0].Title));
        Assert.Equal(["refund-arrival-time"], again.State.ClarifyChoices);
        Assert.Equal("en", (await store.PeekAsync(id)).Locale);
    }

    [Fact]
    public async Task A_lease_released_without_commit_keeps_the_previous_state()
    {
        var store = CreateStore(Options());
        var id = NewId();
        await using (var lease = await store.EnterAsync(id, Customer))
        {
            lease.State.Locale = "zh-CN";
            await lease.CommitAsync();
        }

        await using (var lease = await store.EnterAsync(id, Customer))
        {
            lease.State.Locale = "en"; // a failed turn: never committed
        }

        await using var after = await store.EnterAsync(id, Customer);
        Assert.Equal("zh-CN", after.State.Locale);
    }

    [Fact]
    public async Task Fifty_parallel_turns_on_one_conversation_run_one_at_a_time_in_arrival_order_none_lost()
    {
        var store = CreateStore(Options());
        var id = NewId();
        var active = 0;
        var maxActive = 0;
        var entered = new ConcurrentQueue<int>();
        var tasks = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            await using var lease = await store.EnterAsync(id, Customer);
            var now = Interlocked.Increment(ref active);
            InterlockedMax(ref maxActive, now);
            entered.Enqueue(i);
            lease.State.ClarifyChoices.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Task.Yield();
            Interlocked.Decrement(ref active);
            await lease.CommitAsync();
        })).ToList();
        await Task.WhenAll(tasks);

        await using var final = await store.EnterAsync(id, Customer);
        Assert.Equal(1, maxActive);
        Assert.Equal(50, final.State.Version);
        Assert.Equal(entered.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), final.State.ClarifyChoices);
    }

    [Fact]
    public async Task Conversations_do_not_block_each_other()
    {
        var store = CreateStore(Options());
        await using var first = await store.EnterAsync(NewId(), Customer);
        var second = store.EnterAsync(NewId(), Customer);
        Assert.Same(second, await Task.WhenAny(second, Task.Delay(TimeSpan.FromSeconds(5))));
        await (await second).DisposeAsync();
    }

    [Fact]
    public async Task Idle_conversations_expire()
    {
        var store = CreateStore(Options(idle: TimeSpan.FromMilliseconds(300)));
        var id = NewId();
        await using (var lease = await store.EnterAsync(id, Customer))
        {
            lease.State.Locale = "en";
            await lease.CommitAsync();
        }

        await Task.Delay(700);
        await using var later = await store.EnterAsync(id, Customer);
        Assert.Null(later.State.Locale);
    }

    [Fact]
    public async Task A_conversation_belongs_to_the_customer_who_started_it_others_are_refused_and_change_nothing()
    {
        var store = CreateStore(Options());
        var id = NewId();
        await using (var lease = await store.EnterAsync(id, Customer))
        {
            lease.State.Locale = "en";
            await lease.CommitAsync();
        }

        var refused = await Assert.ThrowsAsync<ConversationAccessDeniedException>(() => store.EnterAsync(id, "c-mallory"));
        Assert.Equal((id, "c-mallory"), (refused.ConversationId, refused.CustomerId));

        // The refused sender took no turn: the owner enters at once and finds the state as it was.
        var owner = store.EnterAsync(id, Customer);
        Assert.Same(owner, await Task.WhenAny(owner, Task.Delay(TimeSpan.FromSeconds(2))));
        await using var again = await owner;
        Assert.Equal((1L, "en"), (again.State.Version, again.State.Locale));
    }

    [Fact]
    public async Task A_conversation_that_expired_may_be_started_by_anyone()
    {
        var store = CreateStore(Options(idle: TimeSpan.FromMilliseconds(300)));
        var id = NewId();
        await using (var lease = await store.EnterAsync(id, Customer))
        {
            await lease.CommitAsync();
        }

        await Task.Delay(700);
        await using var other = await store.EnterAsync(id, "c-bob");
        Assert.Equal(0, other.State.Version);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}

public sealed class InMemoryConversationStoreTests : ConversationStoreContract
{
    protected override IConversationStore CreateStore(ConversationOptions options) => new InMemoryConversationStore(options, TimeProvider.System);
}

public sealed class RedisConversationStoreTests : ConversationStoreContract, IAsyncDisposable
{
    private readonly RedisConnection _redis = new(new RedisOptions { ConnectionString = TestRedis.ConnectionString, KeyPrefix = TestRedis.UniquePrefix() }, NullLogger<RedisConnection>.Instance);

    protected override IConversationStore CreateStore(ConversationOptions options) => new RedisConversationStore(_redis, options);

    public ValueTask DisposeAsync() => _redis.DisposeAsync();

    [Fact]
    public async Task A_message_whose_owner_vanished_does_not_block_the_conversation_forever()
    {
        var store = CreateStore(new ConversationOptions { Lease = TimeSpan.FromMilliseconds(300) });
        var id = "conv-" + Guid.NewGuid().ToString("N")[..10];
        var held = await store.EnterAsync(id, Customer); // never released: its process "crashed"
        var next = store.EnterAsync(id, Customer);
        Assert.Same(next, await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(10))));
        await using var lease = await next;
        await lease.CommitAsync();
        await Assert.ThrowsAsync<LeaseLostException>(() => held.CommitAsync());
    }
}

/// <summary>Lease behaviour only the Redis store has: renewal, and waiters that give up.</summary>
public sealed class RedisLeaseTests : IAsyncDisposable
{
    private const string Customer = "c-alice";

    private readonly RedisConnection _redis = new(new RedisOptions { ConnectionString = TestRedis.ConnectionString, KeyPrefix = TestRedis.UniquePrefix() }, NullLogger<RedisConnection>.Instance);

    public ValueTask DisposeAsync() => _redis.DisposeAsync();

    private RedisConversationStore Store(int leaseMs) => new(_redis, new ConversationOptions { Lease = TimeSpan.FromMilliseconds(leaseMs) });

    private static string NewId() => "conv-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task A_slow_turn_keeps_its_lease_and_saves()
    {
        var store = Store(300);
        var id = NewId();
        await using (var lease = await store.EnterAsync(id, Customer))
        {
            lease.State.Locale = "en";
            await Task.Delay(700); // longer than the lease: renewal must keep it
            await lease.CommitAsync();
        }

        Assert.Equal("en", (await store.PeekAsync(id)).Locale);
    }

    [Fact]
    public async Task A_waiter_that_gives_up_does_not_hold_up_the_next_message()
    {
        var store = Store(3000);
        var id = NewId();
        var first = await store.EnterAsync(id, Customer);
        using (var giveUp = new CancellationTokenSource(200))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.EnterAsync(id, Customer, giveUp.Token));
        }

        await first.CommitAsync();
        await first.DisposeAsync();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await using var third = await store.EnterAsync(id, Customer);
        Assert.True(watch.ElapsedMilliseconds < 1000, $"waited {watch.ElapsedMilliseconds} ms for a ticket nobody will use");
    }

    [Fact]
    public async Task A_waiter_on_another_instance_is_woken_when_the_turn_ends_and_does_not_poll_meanwhile()
    {
        var holder = Store(30_000);
        var id = NewId();
        var first = await holder.EnterAsync(id, Customer);

        // The waiter has a connection of its own (another instance), so its commands can be counted.
        await using var other = new RedisConnection(new RedisOptions { ConnectionString = TestRedis.ConnectionString, KeyPrefix = _redis.Keys.Prefix }, NullLogger<RedisConnection>.Instance);
        using var waiterStore = new RedisConversationStore(other, new ConversationOptions { Lease = TimeSpan.FromSeconds(30) });
        var waiting = waiterStore.EnterAsync(id, Customer);
        await Task.Delay(300);
        var multiplexer = (await other.DatabaseAsync()).Multiplexer;
        var before = multiplexer.GetCounters().Interactive.OperationCount;
        await Task.Delay(2000);
        var during = multiplexer.GetCounters().Interactive.OperationCount - before;
        Assert.False(waiting.IsCompleted);
        Assert.True(during <= 2, $"the waiter sent {during} commands in 2 s while nothing changed");

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await first.CommitAsync();
        await first.DisposeAsync();
        await using var second = await waiting;
        Assert.True(watch.ElapsedMilliseconds < 500, $"woken {watch.ElapsedMilliseconds} ms after the turn ended (the timer fallback is 5 s)");
    }

    [Fact]
    public async Task Tickets_of_a_vanished_instance_are_passed_over_together_not_one_per_lease()
    {
        const int Orphans = 300;
        var lease = TimeSpan.FromMilliseconds(1500);
        var id = NewId();
        await using var crashed = new RedisConnection(new RedisOptions { ConnectionString = TestRedis.ConnectionString, KeyPrefix = _redis.Keys.Prefix }, NullLogger<RedisConnection>.Instance);
        var crashedStore = new RedisConversationStore(crashed, new ConversationOptions { Lease = lease });
        var held = await crashedStore.EnterAsync(id, Customer);
        var orphans = Enumerable.Range(0, Orphans).Select(_ => crashedStore.EnterAsync(id, Customer)).ToList();
        var database = await _redis.DatabaseAsync();
        var waiters = _redis.Keys.Conversation(id).Waiters;
        while (await database.SortedSetLengthAsync(waiters) < Orphans)
        {
            await Task.Delay(20);
        }

        // The instance dies: its turn and its 300 waiting messages stop talking to Redis at once.
        crashedStore.Dispose();
        await crashed.DisposeAsync();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var live = new RedisConversationStore(_redis, new ConversationOptions { Lease = lease });
        await using (var next = await live.EnterAsync(id, Customer))
        {
            // One lease for the crashed turn, then all orphans at once; one lease per orphan would take at least two
            // leases (300 of them). Under two leases leaves room for a loaded CI machine (1,966 ms was seen once).
            Assert.True(watch.Elapsed < 2 * lease, $"the next live message entered after {watch.ElapsedMilliseconds} ms (lease {lease.TotalMilliseconds} ms)");
            await next.CommitAsync();
        }

        await Assert.ThrowsAnyAsync<Exception>(() => held.CommitAsync());
        await Task.WhenAll(orphans.Select(o => o.ContinueWith(_ => { }, TaskScheduler.Default)));
    }
}
