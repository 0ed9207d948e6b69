using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using ServiceBot.Handoff.Queue;
using ServiceBot.Handoff.Redis;
using StackExchange.Redis;

namespace ServiceBot.Bench;

/// <summary>
/// W conversations wait; C agents (all skills, capacity 3) each claim and resolve until nothing waits: claims_per_s
/// counts those claims (each followed by its resolve, two scripts), latency is one claim. Then W wait again and C
/// other agents (capacity W) only claim until nothing waits (claim_only_per_s), and afterwards resolve all of them
/// (resolve_only_per_s). Beside them, on the same server and connection with the same concurrency and the same
/// ScriptEvaluateAsync path, the throughput of a script that only returns 1 (evalsha_per_s): ratio = claims_per_s /
/// evalsha_per_s, claim_only_ratio = claim_only_per_s / evalsha_per_s. The redis_us_* figures are Redis's own time
/// per operation (INFO commandstats: EVALSHA usec in that phase over its operations; a claim-and-resolve is two scripts). bytes_per_waiting is Redis's used_memory
/// growth per enqueued conversation. The bench's keys are deleted at the end.
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
                await agents.DeclareAsync(new AgentProfile($"solo{a}", [], waiting));
                await agents.HeartbeatAsync($"solo{a}");
            }

            var errors = await EnqueueAsync(line, "warmup", warmup, concurrency);
            errors += (await ClaimAllAsync(assignments, "agent", concurrency, resolve: true)).Errors;
            errors += await EvalAsync(database, warmup, concurrency);

            var memoryBefore = await UsedMemoryAsync(server);
            errors += await EnqueueAsync(line, "run", waiting, concurrency);
            var bytesPerWaiting = (await UsedMemoryAsync(server) - memoryBefore) / (double)waiting;

            // Claim, then resolve: the agent's console as it is used.
            var stats = await RedisTimeAsync(server);
            var watch = Stopwatch.StartNew();
            var (latencies, _, claimErrors) = await ClaimAllAsync(assignments, "agent", concurrency, resolve: true);
            var claimsPerSecond = latencies.Count / watch.Elapsed.TotalSeconds;
            var redisPerPair = await RedisMicrosecondsAsync(server, stats, latencies.Count);
            errors += claimErrors + Math.Abs(waiting - latencies.Count);

            stats = await RedisTimeAsync(server);
            watch.Restart();
            errors += await EvalAsync(database, waiting, concurrency);
            var evalPerSecond = waiting / watch.Elapsed.TotalSeconds;
            var redisPerEval = await RedisMicrosecondsAsync(server, stats, waiting);

            // Claims alone, then the resolves alone.
            errors += await EnqueueAsync(line, "solo", waiting, concurrency);
            stats = await RedisTimeAsync(server);
            watch.Restart();
            var (soloLatencies, claimed, soloErrors) = await ClaimAllAsync(assignments, "solo", concurrency, resolve: false);
            var claimOnlyPerSecond = soloLatencies.Count / watch.Elapsed.TotalSeconds;
            var redisPerClaim = await RedisMicrosecondsAsync(server, stats, soloLatencies.Count);
            errors += soloErrors + Math.Abs(waiting - soloLatencies.Count);

            stats = await RedisTimeAsync(server);
            watch.Restart();
            errors += await ResolveAllAsync(assignments, claimed, concurrency);
            var resolveOnlyPerSecond = claimed.Count / watch.Elapsed.TotalSeconds;
            var redisPerResolve = await RedisMicrosecondsAsync(server, stats, claimed.Count);

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"bench\":\"handoff\",\"concurrency\":{concurrency},\"waiting\":{waiting},\"claims\":{latencies.Count},\"claims_per_s\":{claimsPerSecond:F0},\"p50_ms\":{Percentiles.Of(latencies, 50):F2},\"p99_ms\":{Percentiles.Of(latencies, 99):F2},\"errors\":{errors},\"bytes_per_waiting\":{bytesPerWaiting:F0},\"evalsha_per_s\":{evalPerSecond:F0},\"ratio\":{claimsPerSecond / evalPerSecond:F2}," +
                $"\"claim_only_per_s\":{claimOnlyPerSecond:F0},\"claim_only_p50_ms\":{Percentiles.Of(soloLatencies, 50):F2},\"claim_only_p99_ms\":{Percentiles.Of(soloLatencies, 99):F2},\"claim_only_ratio\":{claimOnlyPerSecond / evalPerSecond:F2},\"resolve_only_per_s\":{resolveOnlyPerSecond:F0}," +
                $"\"redis_script_us\":{{\"claim_and_resolve\":{redisPerPair.Scripts:F1},\"claim\":{redisPerClaim.Scripts:F1},\"resolve\":{redisPerResolve.Scripts:F1},\"evalsha\":{redisPerEval.Scripts:F1}}}," +
                $"\"redis_cpu_us\":{{\"claim_and_resolve\":{redisPerPair.Cpu:F1},\"claim\":{redisPerClaim.Cpu:F1},\"resolve\":{redisPerResolve.Cpu:F1},\"evalsha\":{redisPerEval.Cpu:F1}}}}}"));
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

    /// <summary>
    /// Each agent claims (and resolves at once when <paramref name="resolve"/>) until nothing waits; every claim's
    /// latency, the (agent, conversation) pairs left unresolved, and the failed operations.
    /// </summary>
    private static async Task<(List<double> Latencies, List<(string Login, string Id)> Claimed, int Errors)> ClaimAllAsync(
        Assignments assignments, string agentName, int concurrency, bool resolve)
    {
        var errors = 0;
        var claimed = new List<(string, string)>();
        var (latencies, failedAgents) = await BenchCustomers.RunAsync(concurrency, concurrency, async (agent, latencies) =>
        {
            var login = $"{agentName}{agent}";
            var mine = new List<(string, string)>();
            while (true)
            {
                var start = Stopwatch.GetTimestamp();
                var claim = await assignments.ClaimNextAsync(login);
                if (claim.Outcome == HandoffOutcome.Empty)
                {
                    break;
                }

                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (!claim.IsOk)
                {
                    Interlocked.Increment(ref errors);
                }
                else if (!resolve)
                {
                    mine.Add((login, claim.ConversationId!));
                }
                else if (!(await assignments.ResolveAsync(login, claim.ConversationId!, "solved", "bench")).IsOk)
                {
                    Interlocked.Increment(ref errors);
                }
            }

            lock (claimed)
            {
                claimed.AddRange(mine);
            }

            return null;
        });
        return (latencies, claimed, errors + failedAgents);
    }

    private static async Task<int> ResolveAllAsync(Assignments assignments, List<(string Login, string Id)> claimed, int concurrency) =>
        (await BenchCustomers.RunAsync(claimed.Count, concurrency, async (n, _) =>
            (await assignments.ResolveAsync(claimed[n].Login, claimed[n].Id, "solved", "bench")).IsOk ? null : "resolve failed")).Errors;

    private static async Task<int> EvalAsync(IDatabase database, int count, int concurrency) =>
        (await BenchCustomers.RunAsync(count, concurrency, async (_, _) => (int)await database.ScriptEvaluateAsync("return 1") == 1 ? null : "not 1")).Errors;

    private static async Task<long> UsedMemoryAsync(IServer server) =>
        long.Parse((await server.InfoAsync("memory")).SelectMany(g => g).First(p => p.Key == "used_memory").Value, CultureInfo.InvariantCulture);

    /// <summary>
    /// Microseconds so far of EVALSHA (INFO commandstats: wall time inside the scripts, preemption included) and of
    /// Redis's CPU (INFO cpu, user + system of the main thread: the scripts plus reading and writing the sockets).
    /// </summary>
    private static async Task<(double Scripts, double Cpu)> RedisTimeAsync(IServer server)
    {
        var info = (await server.InfoAsync("commandstats")).Concat(await server.InfoAsync("cpu")).SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var evalsha = info.GetValueOrDefault("cmdstat_evalsha") ?? "usec=0";
        var usec = evalsha.Split(',').First(f => f.StartsWith("usec=", StringComparison.Ordinal))[5..];
        double Seconds(string name) => double.Parse(info[name], CultureInfo.InvariantCulture);
        return (double.Parse(usec, CultureInfo.InvariantCulture), (Seconds("used_cpu_user_main_thread") + Seconds("used_cpu_sys_main_thread")) * 1e6);
    }

    /// <summary>Redis's microseconds since <paramref name="before"/>, per one of <paramref name="count"/> operations.</summary>
    private static async Task<(double Scripts, double Cpu)> RedisMicrosecondsAsync(IServer server, (double Scripts, double Cpu) before, int count)
    {
        var after = await RedisTimeAsync(server);
        return ((after.Scripts - before.Scripts) / Math.Max(1, count), (after.Cpu - before.Cpu) / Math.Max(1, count));
    }
}
