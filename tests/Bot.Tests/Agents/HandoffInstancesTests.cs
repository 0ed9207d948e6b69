using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using ServiceBot.Bot.Tests.Channels;
using ServiceBot.Tests.Support;

namespace ServiceBot.Bot.Tests.Agents;

/// <summary>
/// Two service processes on one Redis: the instance holding the customer's socket and serving the agent is killed
/// (-9); both go on through the other instance with the same tokens, and the transcript has everything exactly once.
/// </summary>
[Collection(ServiceBot.Bot.Tests.Faults.FaultSuite.Name)]
public sealed class HandoffInstancesTests
{
    [Fact]
    public async Task Customer_and_agent_go_on_through_the_other_instance_after_a_kill_and_nothing_is_lost_or_repeated()
    {
        var prefix = TestRedis.UniquePrefix();
        var a = await ServiceProcess.StartAsync(prefix);
        await using var b = await ServiceProcess.StartAsync(prefix);
        using var http = new HttpClient();
        try
        {
            var (id, token) = await DirectLineTestClient.StartAsync(http, a.BaseAddress);
            var received = new List<(string Id, string Text)>();
            var agent = await LoginAsync(http, a.BaseAddress);
            using (var onA = await ConnectAsync(a.BaseAddress, id, token, 0))
            {
                await PostAsync(http, a.BaseAddress, id, token, "转人工");
                await ReceiveUntilAsync(onA, received, r => r.Text.Contains("前面还有", StringComparison.Ordinal));
                using (var accepted = await DirectLineTestClient.SendAsync(http, HttpMethod.Post, new Uri(a.BaseAddress, $"/api/agent/conversations/{id}/accept"), agent, "{}"))
                {
                    Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
                }

                await ReceiveUntilAsync(onA, received, r => r.Text.Contains("已接入", StringComparison.Ordinal));
                await a.KillAsync();
            }

            // The agent's token and the customer's watermark work on B as they did on A.
            using var onB = await ConnectAsync(b.BaseAddress, id, token, Sequence(received[^1].Id));
            using (var sent = await DirectLineTestClient.SendAsync(http, HttpMethod.Post, new Uri(b.BaseAddress, $"/api/agent/conversations/{id}/messages"), agent,
                """{"text":"我还在，继续为您处理"}"""))
            {
                Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
            }

            await ReceiveUntilAsync(onB, received, r => r.Text == "我还在，继续为您处理");
            await PostAsync(http, b.BaseAddress, id, token, "好的谢谢");
            await ReceiveUntilAsync(onB, received, r => r.Text == "好的谢谢");
            using (var conversation = await DirectLineTestClient.SendAsync(http, HttpMethod.Get, new Uri(b.BaseAddress, $"/api/agent/conversations/{id}"), agent, null))
            {
                var body = JsonDocument.Parse(await conversation.Content.ReadAsStringAsync()).RootElement;
                Assert.Equal("agent", body.GetProperty("owner").GetProperty("kind").GetString());
                Assert.Contains(body.GetProperty("transcript").EnumerateArray(), x => x.TryGetProperty("text", out var t) && t.GetString() == "好的谢谢");
            }

            var transcript = (await DirectLineTestClient.ActivitiesAsync(http, b.BaseAddress, id, token)).Select(x => x.GetProperty("id").GetString()!).ToList();
            var ids = received.Select(r => r.Id).ToList();
            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.Equal(transcript.Where(t => ids.Contains(t)), ids); // what the customer got, in order, once
            Assert.Equal(transcript, transcript.Distinct());
        }
        finally
        {
            await a.DisposeAsync();
        }
    }

    private static long Sequence(string activityId) => long.Parse(activityId[(activityId.LastIndexOf('|') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> LoginAsync(HttpClient http, Uri service)
    {
        using var response = await DirectLineTestClient.SendAsync(http, HttpMethod.Post, new Uri(service, "/api/agent/login"), null,
            $$"""{"login":"bob","password":"{{ServiceFixture.BobPassword}}"}""");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString()!;
    }

    private static async Task PostAsync(HttpClient http, Uri service, string conversationId, string token, string text)
    {
        using var response = await DirectLineTestClient.SendAsync(http, HttpMethod.Post, new Uri(service, $"/v3/directline/conversations/{conversationId}/activities"), token,
            JsonSerializer.Serialize(new Dictionary<string, string> { ["type"] = "message", ["text"] = text }));
        response.EnsureSuccessStatusCode();
    }

    private static async Task<ClientWebSocket> ConnectAsync(Uri service, string conversationId, string token, long watermark)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{service.Authority}/v3/directline/conversations/{conversationId}/stream?watermark={watermark}&t={Uri.EscapeDataString(token)}"), CancellationToken.None);
        return socket;
    }

    private static async Task ReceiveUntilAsync(ClientWebSocket socket, List<(string Id, string Text)> received, Func<(string Id, string Text), bool> until)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[256 * 1024];
        while (!received.Any(until))
        {
            var total = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer.AsMemory(total), timeout.Token);
                total += result.Count;
            }
            while (!result.EndOfMessage);

            if (total > 0)
            {
                using var frame = JsonDocument.Parse(buffer.AsMemory(0, total));
                received.AddRange(frame.RootElement.GetProperty("activities").EnumerateArray()
                    .Select(x => (x.GetProperty("id").GetString()!, x.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "")));
            }
        }
    }
}
