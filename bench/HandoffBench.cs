using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using ServiceBot.Handoff.Queue;
using ServiceBot.Handoff.Redis;
using StackExchange.Redis;

namespace ServiceBot.Bench;

/// <summary>
/// W conversations wait; C agents (all skills, capacity 3) each claim and resolve until nothing waits. Latency is
/// one claim. Beside it, on the same server and connection with the same concurrency, the throughput of a script
/// that only returns 1: ratio = claims_per_s / evalsha_per_s says what the queue's logic costs over a bare script
/// round trip (a claim-and-resolve is two scripts). bytes_per_waiting is Redis's used_memory growth per enqueued
/// conversation. The bench's keys are deleted at the end.
/// </summary>
internal static class HandoffBench
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var concurrency = options.Int("concurrency", 50);
        var waiting = options.Int("waiting", 10_000);
        var warmup = options.Int("warmup", 2000);
        var prefix = $"bench:{Environment.ProcessId}:";
        await using var redis = new RedisConnection(
            new RedisOptions { ConnectionString = (options.Text("redis") ?? "127.0.0.1:6379") + ",allowAdmin=true", KeyPrefix = prefix },
            NullLogger<RedisConnection>.Instance);
        var queue = new HandoffOptions();
        var line = new WaitingLine(redis, queue, TimeProvider.System);
        var assignments = new Assignments(redis, queue, TimeProvider.System);
        var agents = new AgentRoster(redis, queue, TimeProvider.System);
        var database = await redis.DatabaseAsync();
        var server = database.Multiplexer.GetServers()[0];
        try
        {
            for (var a = 0; a < concurrency; a++)
            {
                await agents.DeclareAsync(new AgentProfile($"agent{a}", []));
                await agents.HeartbeatAsync($"agent{a}");
            }

            var errors = await EnqueueAsync(line, "warmup", warmup, concurrency);
            errors += (await ClaimAllAsync(assignments, concurrency)).Errors;
            errors += await EvalAsync(database, warmup, concurrency);

            var memoryBefore = await UsedMemoryAsync(server);
            errors += await EnqueueAsync(line, "run", waiting, concurrency);
            var bytesPerWaiting = (await UsedMemoryAsync(server) - memoryBefore) / (double)waiting;

            var watch = Stopwatch.StartNew();
            var (latencies, claimErrors) = await ClaimAllAsync(assignments, concurrency);
            var claimsPerSecond = latencies.Count / watch.Elapsed.TotalSeconds;
            watch.Restart();
            errors += await EvalAsync(database, latencies.Count, concurrency);
            var evalPerSecond = latencies.Count / watch.Elapsed.TotalSeconds;
            errors += claimErrors + Math.Abs(waiting - latencies.Count);

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"bench\":\"handoff\",\"concurrency\":{concurrency},\"waiting\":{waiting},\"claims\":{latencies.Count},\"claims_per_s\":{claimsPerSecond:F0},\"p50_ms\":{Percentiles.Of(latencies, 50):F2},\"p99_ms\":{Percentiles.Of(latencies, 99):F2},\"errors\":{errors},\"bytes_per_waiting\":{bytesPerWaiting:F0},\"evalsha_per_s\":{evalPerSecond:F0},\"ratio\":{claimsPerSecond / evalPerSecond:F2}}}"));
            return errors == 0 ? 0 : 1;
        }
        finally
        {
            await foreach (var key in server.KeysAsync(pattern: prefix + "*"))
            {
                await database.KeyDeleteAsync(key, CommandFlags.FireAndForget);
            }
        }
    }

    private static async Task<int> EnqueueAsync(WaitingLine line, string tag, int count, int concurrency) =>
        (await BenchCustomers.RunAsync(count, concurrency, async (n, _) =>
        {
            var request = new HandoffRequest("asked", "我要找人工客服，订单 202406180001 的退款还没到", HandoffNames.AllSkills[n % 3], (Priority)(n % 4), "zh-CN", $"c-{n}");
            var result = await line.EnqueueAsync($"{tag}-{n}", request);
            return result.IsOk ? null : $"enqueue: {result.Outcome}";
        })).Errors;

    /// <summary>Each agent claims and resolves until nothing waits; every claim's latency, and the failed operations.</summary>
    private static async Task<(List<double> Latencies, int Errors)> ClaimAllAsync(Assignments assignments, int concurrency)
    {
        var errors = 0;
        var (latencies, failedAgents) = await BenchCustomers.RunAsync(concurrency, concurrency, async (agent, latencies) =>
        {
            var login = $"agent{agent}";
            while (true)
            {
                var start = Stopwatch.GetTimestamp();
                var claim = await assignments.ClaimNextAsync(login);
                if (claim.Outcome == HandoffOutcome.Empty)
                {
                    return null;
                }

                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (!claim.IsOk || !(await assignments.ResolveAsync(login, claim.ConversationId!, "solved", "bench")).IsOk)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        });
        return (latencies, errors + failedAgents);
    }

    private static async Task<int> EvalAsync(IDatabase database, int count, int concurrency) =>
        (await BenchCustomers.RunAsync(count, concurrency, async (_, _) => (int)await database.ScriptEvaluateAsync("return 1") == 1 ? null : "not 1")).Errors;

    private static async Task<long> UsedMemoryAsync(IServer server) =>
        long.Parse((await server.InfoAsync("memory")).SelectMany(g => g).First(p => p.Key == "used_memory").Value, CultureInfo.InvariantCulture);
}
