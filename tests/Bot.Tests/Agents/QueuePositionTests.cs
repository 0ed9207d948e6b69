using System.Net;
using System.Text.Json;
using ServiceBot.Bot.Tests.Channels;

namespace ServiceBot.Bot.Tests.Agents;

/// <summary>A queue of its own (a fixture with its own key prefix): the places are exactly the ones this test makes.</summary>
public sealed class QueuePositionTests(HandoffServiceFixture service) : IClassFixture<HandoffServiceFixture>
{
    [Fact]
    public async Task A_waiting_customer_hears_the_new_place_when_the_one_ahead_is_taken()
    {
        var uri = service.Client.BaseAddress!;
        var (first, firstToken) = await DirectLineTestClient.StartAsync(service.Client, uri);
        var (second, secondToken) = await DirectLineTestClient.StartAsync(service.Client, uri);
        await PostAsync(first, firstToken, "转人工");
        await WaitForTextAsync(first, firstToken, "您前面还有 0 位");
        await PostAsync(second, secondToken, "转人工");
        await WaitForTextAsync(second, secondToken, "您前面还有 1 位");

        using var login = await DirectLineTestClient.SendAsync(service.Client, HttpMethod.Post, new Uri(uri, "/api/agent/login"), null,
            """{"login":"bob","password":"bob-pass-1234"}""");
        var bob = JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString();
        using var next = await DirectLineTestClient.SendAsync(service.Client, HttpMethod.Post, new Uri(uri, "/api/agent/next"), bob, "{}");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(first, JsonDocument.Parse(await next.Content.ReadAsStringAsync()).RootElement.GetProperty("conversationId").GetString());

        await WaitForTextAsync(second, secondToken, "您前面还有 0 位");
        var all = await DirectLineTestClient.ActivitiesAsync(service.Client, uri, second, secondToken);
        Assert.Single(all, a => a.TryGetProperty("text", out var t) && t.GetString()!.Contains("您前面还有 0 位", StringComparison.Ordinal));
    }

    private async Task PostAsync(string id, string token, string text)
    {
        using var response = await DirectLineTestClient.SendAsync(service.Client, HttpMethod.Post, new Uri(service.Client.BaseAddress!, $"/v3/directline/conversations/{id}/activities"),
            token, JsonSerializer.Serialize(new Dictionary<string, string> { ["type"] = "message", ["text"] = text }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task WaitForTextAsync(string id, string token, string fragment)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var all = await DirectLineTestClient.ActivitiesAsync(service.Client, service.Client.BaseAddress!, id, token);
            if (all.Any(a => a.TryGetProperty("text", out var t) && t.GetString()!.Contains(fragment, StringComparison.Ordinal)))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"'{fragment}' not seen: " + string.Join(" | ", all.Select(a => a.TryGetProperty("text", out var t) ? t.GetString() : a.GetProperty("type").GetString())));
            await Task.Delay(50);
        }
    }
}
