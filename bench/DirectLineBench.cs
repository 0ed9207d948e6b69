using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServiceBot.Bot.Hosting;
using ServiceBot.Bot.Refunds;
using ServiceBot.Bot.Turns;

namespace ServiceBot.Bench;

/// <summary>
/// The refund conversation over Direct Line: C customers each post a message over real HTTP and wait for the bot's
/// reply on their WebSocket (latency = post to reply received), against the real Kestrel host and Redis; then the
/// same conversations in process through the same host's turn pipeline, so both figures come from one run.
/// </summary>
internal static class DirectLineBench
{
    private const string Secret = "bench-directline-secret-0001";

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var concurrency = options.Int("concurrency", 50);
        var conversations = options.Int("conversations", 1000);
        // Steady state, not start-up: after 1,000 warm-up conversations the JIT still compiles ~450 methods/s
        // (dotnet-counters, dotnet.jit.compiled_methods) and the run measures it (1,400 turns/s against 2,100 after 3,000).
        var warmup = options.Int("warmup", 3000);
        var app = ServiceHost.Build(
        [
            "--urls", "http://127.0.0.1:0",
            "--ConnectionStrings:Redis", options.Text("redis") ?? "127.0.0.1:6379",
            "--Redis:KeyPrefix", $"bench:{Environment.ProcessId}:",
            "--Knowledge:Path", options.Text("knowledge") ?? RefundBench.FindKnowledge(),
            "--DirectLine:Secret", Secret,
            "--DirectLine:ActivitiesPerMinute", "100000",
            "--Logging:LogLevel:Default", "Warning",
        ], s => s.Replace(ServiceDescriptor.Singleton<IOrderService, RefundBench.BenchOrders>()));
        await using (app)
        {
            await app.StartAsync();
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2 }) { BaseAddress = address };

            await DriveAsync(http, "warmup", warmup, concurrency);
            var watch = Stopwatch.StartNew();
            var (latencies, errors) = await DriveAsync(http, "run", conversations, concurrency);
            var seconds = watch.Elapsed.TotalSeconds;

            var processor = app.Services.GetRequiredService<TurnProcessor>();
            await RefundBench.DriveAsync(processor, "warmup-local", warmup, concurrency);
            var localWatch = Stopwatch.StartNew();
            var (local, localErrors) = await RefundBench.DriveAsync(processor, "run-local", conversations, concurrency);
            var localSeconds = localWatch.Elapsed.TotalSeconds;

            var turnsPerSecond = latencies.Count / seconds;
            var localPerSecond = local.Count / localSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"bench\":\"directline\",\"concurrency\":{concurrency},\"conversations\":{conversations},\"turns\":{latencies.Count},\"seconds\":{seconds:F2},\"turns_per_s\":{turnsPerSecond:F0},\"p50_ms\":{Percentiles.Of(latencies, 50):F2},\"p99_ms\":{Percentiles.Of(latencies, 99):F2},\"errors\":{errors},\"inprocess_turns_per_s\":{localPerSecond:F0},\"inprocess_p50_ms\":{Percentiles.Of(local, 50):F2},\"inprocess_p99_ms\":{Percentiles.Of(local, 99):F2},\"inprocess_errors\":{localErrors},\"ratio\":{turnsPerSecond / localPerSecond:F2}}}"));
            await app.StopAsync();
            return errors + localErrors == 0 ? 0 : 1;
        }
    }

    private static Task<(List<double> Latencies, int Errors)> DriveAsync(HttpClient http, string tag, int count, int concurrency)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        return BenchCustomers.RunAsync(count, concurrency, async (n, latencies) =>
        {
            try
            {
                await ConverseAsync(http, $"bench-{run}-{tag}-{n}", latencies);
                return null;
            }
#pragma warning disable CA1031 // a failed conversation is counted, the others go on
            catch (Exception e)
#pragma warning restore CA1031
            {
                return e.Message;
            }
        });
    }

    private static async Task ConverseAsync(HttpClient http, string customer, List<double> latencies)
    {
        var token = (await PostJsonAsync(http, "/v3/directline/tokens/generate", Secret, JsonSerializer.Serialize(new { user = new { id = customer } }))).GetProperty("token").GetString()!;
        var conversation = await PostJsonAsync(http, "/v3/directline/conversations", token, null);
        var conversationId = conversation.GetProperty("conversationId").GetString()!;
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(conversation.GetProperty("streamUrl").GetString()!), CancellationToken.None);
        var buffer = new byte[128 * 1024];
        var activities = $"/v3/directline/conversations/{conversationId}/activities";
        for (var t = 0; t < RefundBench.Script.Length; t++)
        {
            var start = Stopwatch.GetTimestamp();
            var posted = (await PostJsonAsync(http, activities, token, Posts[t])).GetProperty("id").GetString();
            while (!await ReplyArrivedAsync(socket, buffer, posted!, RefundBench.Script[t].Expect))
            {
            }

            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }

    /// <summary>Reads one frame; true when it holds the bot's reply to <paramref name="postedId"/> with the expected text.</summary>
    private static async Task<bool> ReplyArrivedAsync(ClientWebSocket socket, byte[] buffer, string postedId, string expect)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var total = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(total), timeout.Token);
            total += result.Count;
        }
        while (!result.EndOfMessage);

        if (total == 0)
        {
            return false;
        }

        using var frame = JsonDocument.Parse(buffer.AsMemory(0, total));
        foreach (var activity in frame.RootElement.GetProperty("activities").EnumerateArray())
        {
            if (activity.TryGetProperty("replyToId", out var replyTo) && replyTo.GetString() == postedId &&
                activity.GetProperty("text").GetString()?.Contains(expect, StringComparison.Ordinal) == true)
            {
                return true;
            }
        }

        return false;
    }

    // The customer's messages as JSON once, so the clients' cost per turn is what a real client's would be.
    private static readonly string[] Posts = [.. RefundBench.Script.Select(s => JsonSerializer.Serialize(new { type = "message", text = s.Text }))];

    private static async Task<JsonElement> PostJsonAsync(HttpClient http, string path, string bearer, string? json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
