using System.Net.WebSockets;
using System.Text.Json;
using ServiceBot.Tests.Support;

namespace ServiceBot.Bot.Tests.Channels;

/// <summary>Service instances as real processes on one Redis: delivery across instances, and kill -9 of one.</summary>
[Collection(ServiceBot.Bot.Tests.Faults.FaultSuite.Name)]
public sealed class DirectLineInstancesTests
{
    [Fact]
    public async Task The_client_reconnects_with_its_watermark_after_the_server_is_killed_and_loses_and_repeats_nothing()
    {
        var prefix = TestRedis.UniquePrefix();
        var service = await ServiceProcess.StartAsync(prefix);
        try
        {
            var findings = await DirectLineClientTests.RunClientAsync("reconnect", service.BaseAddress.ToString().TrimEnd('/'), async () =>
            {
                await service.KillAsync();
                await service.DisposeAsync();
                service = await ServiceProcess.StartAsync(prefix, service.Port);
            });

            var last = findings[^1];
            Assert.False(string.IsNullOrEmpty(last.GetProperty("secondReply").GetString()));
            Assert.Equal(0, last.GetProperty("duplicates").GetArrayLength());
            Assert.Equal(Ids(last.GetProperty("transcript")), Ids(last.GetProperty("received")));
        }
        finally
        {
            await service.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_socket_on_instance_b_gets_replies_to_posts_through_a_and_after_b_dies_a_stream_on_a_resumes_exactly_once()
    {
        var prefix = TestRedis.UniquePrefix();
        await using var a = await ServiceProcess.StartAsync(prefix);
        await using var b = await ServiceProcess.StartAsync(prefix);
        using var http = new HttpClient();
        var (conversationId, token) = await DirectLineTestClient.StartAsync(http, a.BaseAddress);

        var received = new List<string>();
        using (var onB = await ConnectAsync(b.BaseAddress, conversationId, token, 0))
        {
            await PostAsync(http, a.BaseAddress, conversationId, token, "退款多久到账");
            await ReceiveUntilAsync(onB, received, count: 3); // welcome, echo, reply: written by A, delivered by B
            await b.KillAsync();
        }

        await PostAsync(http, a.BaseAddress, conversationId, token, "怎么申请退款");
        var watermark = received.Count; // sequence numbers are 1…n
        using var onA = await ConnectAsync(a.BaseAddress, conversationId, token, watermark);
        await ReceiveUntilAsync(onA, received, count: 5);
        await Task.Delay(1000); // let the second turn finish writing all its replies
        var transcript = await TranscriptAsync(http, a.BaseAddress, conversationId, token);
        await ReceiveUntilAsync(onA, received, transcript.Count);
        Assert.Equal(transcript, received);
        Assert.Equal(received.Count, received.Distinct().Count());
    }

    private static List<string> Ids(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToList();

    private static async Task PostAsync(HttpClient http, Uri service, string conversationId, string token, string text)
    {
        using var response = await DirectLineTestClient.SendAsync(http, HttpMethod.Post, new Uri(service, $"/v3/directline/conversations/{conversationId}/activities"), token,
            JsonSerializer.Serialize(new { type = "message", text }));
        response.EnsureSuccessStatusCode();
    }

    private static async Task<ClientWebSocket> ConnectAsync(Uri service, string conversationId, string token, int watermark)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{service.Authority}/v3/directline/conversations/{conversationId}/stream?watermark={watermark}&t={Uri.EscapeDataString(token)}"), CancellationToken.None);
        return socket;
    }

    private static async Task ReceiveUntilAsync(ClientWebSocket socket, List<string> received, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[256 * 1024];
        while (received.Count < count)
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
                received.AddRange(frame.RootElement.GetProperty("activities").EnumerateArray().Select(x => x.GetProperty("id").GetString()!));
            }
        }
    }

    private static async Task<List<string>> TranscriptAsync(HttpClient http, Uri service, string conversationId, string token) =>
        (await DirectLineTestClient.ActivitiesAsync(http, service, conversationId, token)).Select(a => a.GetProperty("id").GetString()!).ToList();
}
