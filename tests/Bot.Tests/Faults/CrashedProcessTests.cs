using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ServiceBot.Bot.Tests.Conversations;
using ServiceBot.Handoff.Redis;
using ServiceBot.Tests.Support;

namespace ServiceBot.Bot.Tests.Faults;

/// <summary>kill -9 of a process in the middle of a conversation's turns, with real processes and a real Redis.</summary>
[Collection(ServiceBot.Bot.Tests.Faults.FaultSuite.Name)]
public sealed class CrashedProcessTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task After_kill_9_of_a_process_holding_5000_queued_tickets_the_next_turn_runs_within_one_lease()
    {
        const int Queued = 5000;
        const string Customer = "c-probe";
        var prefix = TestRedis.UniquePrefix();
        await using var bot = TestBot.Create(StoreKind.Redis, Customer, new Dictionary<string, string?>
        {
            ["Redis:KeyPrefix"] = prefix,
            ["Conversations:Lease"] = Lease.ToString(),
        });

        using var probe = StartProbe(prefix, bot.ConversationId, Customer, Queued);
        var ready = await probe.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(ready == "ready", $"the probe did not get ready: {ready} {await ReadErrorsAsync(probe)}");

        var database = await bot.Services.GetRequiredService<RedisConnection>().DatabaseAsync();
        var keys = new RedisKeys(prefix).Conversation(bot.ConversationId);
        Assert.True(await database.KeyTimeToLiveAsync(keys.Lease) > TimeSpan.Zero, "the probe does not hold the turn any more");
        Assert.Equal(Queued, await database.SortedSetLengthAsync(keys.Waiters));

        probe.Kill(); // SIGKILL: nothing is released, nothing is said goodbye
        await probe.WaitForExitAsync();
        var watch = Stopwatch.StartNew();
        var replies = await bot.SendAsync("退款多久到账");
        watch.Stop();
        output.WriteLine($"next turn after kill -9 with {Queued} orphaned tickets: {watch.ElapsedMilliseconds} ms (lease {Lease.TotalMilliseconds} ms)");

        Assert.Contains(replies, r => r.Text!.Contains("到账", StringComparison.Ordinal));
        Assert.True(watch.Elapsed <= Lease + TimeSpan.FromMilliseconds(500),
            $"the next turn ran {watch.ElapsedMilliseconds} ms after the crash; one lease is {Lease.TotalMilliseconds} ms");
        Assert.Equal(0, await database.SortedSetLengthAsync(keys.Waiters)); // every orphan was passed over
    }

    private static Process StartProbe(string prefix, string conversationId, string customer, int queued)
    {
        var probe = Path.Combine(AppContext.BaseDirectory, "ServiceBot.FaultProbe.dll");
        var start = new ProcessStartInfo("dotnet",
            [probe, "hold-turns", TestRedis.ConnectionString, prefix, conversationId, customer,
             queued.ToString(System.Globalization.CultureInfo.InvariantCulture), ((int)Lease.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        return Process.Start(start) ?? throw new InvalidOperationException("the probe did not start");
    }

    private static async Task<string> ReadErrorsAsync(Process probe)
    {
        probe.Kill();
        return await probe.StandardError.ReadToEndAsync();
    }
}
