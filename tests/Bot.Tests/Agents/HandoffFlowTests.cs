using System.Net;
using System.Text.Json;
using ServiceBot.Bot.Tests.Channels;

namespace ServiceBot.Bot.Tests.Agents;

/// <summary>Round-the-clock agents, so the flow does not depend on the hour the tests run at.</summary>
public sealed class HandoffServiceFixture : ServiceFixture
{
    protected override IEnumerable<string> Settings => ["--Handoff:ServiceHours", "00:00-24:00"];
}

/// <summary>
/// The handoff over real HTTP against the real host and Redis: a customer on Direct Line asks for a person, an agent
/// takes the chat through the agent API, they talk, the bot stays silent, the agent hands back, the bot asks for CSAT.
/// </summary>
public sealed class HandoffFlowTests(HandoffServiceFixture service) : IClassFixture<HandoffServiceFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private Uri Service => service.Client.BaseAddress!;

    [Fact]
    public async Task A_customer_asks_for_a_person_an_agent_takes_over_talks_and_hands_back_to_the_bot()
    {
        var (id, token) = await DirectLineTestClient.StartAsync(service.Client, Service);
        await PostAsync(id, token, "我要退款");
        await WaitForAsync(id, token, a => Text(a).Contains("请问是哪个订单", StringComparison.Ordinal));
        await PostAsync(id, token, "202406180001"); // c-alice's headphones, delivered
        await WaitForAsync(id, token, a => Text(a).Contains("请选择退款类型", StringComparison.Ordinal));
        await PostAsync(id, token, "转人工");
        var queued = await WaitForAsync(id, token, a => Text(a).Contains("前面还有", StringComparison.Ordinal));
        Assert.Contains("不等了，返回机器人", queued.GetProperty("suggestedActions").GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("title").GetString()));
        var initiate = await WaitForAsync(id, token, a => Name(a) == "handoff.initiate");
        Assert.Equal("asked", initiate.GetProperty("value").GetProperty("trigger").GetString());

        var alice = await LoginAsync("alice", ServiceFixture.AlicePassword);
        var bob = await LoginAsync("bob", ServiceFixture.BobPassword);
        var sam = await LoginAsync("sam", ServiceFixture.SamPassword);
        using (var queue = await AgentAsync(HttpMethod.Get, "/api/agent/queue", alice))
        {
            var waiting = JsonDocument.Parse(await queue.Content.ReadAsStringAsync()).RootElement.GetProperty("waiting").EnumerateArray().ToList();
            Assert.Contains(waiting, w => w.GetProperty("conversationId").GetString() == id && w.GetProperty("trigger").GetString() == "asked");
        }

        using (var accepted = await AgentAsync(HttpMethod.Post, $"/api/agent/conversations/{id}/accept", alice))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        using (var again = await AgentAsync(HttpMethod.Post, $"/api/agent/conversations/{id}/accept", bob))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        await WaitForAsync(id, token, a => Text(a).Contains("人工客服 Alice 已接入", StringComparison.Ordinal));
        await PostAsync(id, token, "我的耳机坏了");
        using (var typing = await DirectLineTestClient.SendAsync(service.Client, HttpMethod.Post, new Uri(Service, $"/v3/directline/conversations/{id}/activities"), token,
            """{"type":"typing"}"""))
        {
            Assert.Equal(HttpStatusCode.OK, typing.StatusCode);
        }

        using (var conversation = await AgentAsync(HttpMethod.Get, $"/api/agent/conversations/{id}", alice))
        {
            var body = JsonDocument.Parse(await conversation.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("agent", body.GetProperty("owner").GetProperty("kind").GetString());
            Assert.Equal("alice", body.GetProperty("owner").GetProperty("agent").GetString());
            Assert.Contains(body.GetProperty("transcript").EnumerateArray(), a => Text(a) == "我的耳机坏了");
            Assert.Contains(body.GetProperty("transcript").EnumerateArray(), a => a.GetProperty("type").GetString() == "typing"
                && a.GetProperty("from").GetProperty("role").GetString() == "user"); // relayed to the agent only while one owns the chat
            var context = body.GetProperty("context");
            Assert.Equal(ServiceBot.Bot.Dialogs.Refund.FileRefundDialog.Name, context.GetProperty("dialog").GetProperty("name").GetString());
            Assert.Equal("refund", context.GetProperty("skill").GetString());
            Assert.Equal("202406180001", context.GetProperty("dialog").GetProperty("values").GetProperty("orderId").GetString());
            Assert.NotEmpty(context.GetProperty("orders").EnumerateArray());
        }

        using (var theirs = await AgentAsync(HttpMethod.Get, $"/api/agent/conversations/{id}", bob))
        {
            Assert.Equal(HttpStatusCode.Forbidden, theirs.StatusCode);
        }

        using (var supervised = await AgentAsync(HttpMethod.Get, $"/api/agent/conversations/{id}", sam))
        {
            Assert.Equal(HttpStatusCode.OK, supervised.StatusCode);
        }

        using (var intruder = await AgentAsync(HttpMethod.Post, $"/api/agent/conversations/{id}/messages", bob, """{"text":"hi"}"""))
        {
            Assert.Equal(HttpStatusCode.Forbidden, intruder.StatusCode);
        }

        using (var sent = await AgentAsync(HttpMethod.Post, $"/api/agent/conversations/{id}/messages", alice, """{"text":"您好，我来帮您处理"}"""))
        {
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        }

        var fromAgent = await WaitForAsync(id, token, a => Text(a) == "您好，我来帮您处理");
        Assert.Equal("Alice", fromAgent.GetProperty("from").GetProperty("name").GetString());
        await Task.Delay(500); // time for a bot reply to the customer's message, if it were to answer
        var afterJoin = (await DirectLineTestClient.ActivitiesAsync(service.Client, Service, id, token))
            .SkipWhile(a => !Text(a).Contains("已接入", StringComparison.Ordinal)).Skip(1).ToList();
        Assert.DoesNotContain(afterJoin, a => a.GetProperty("from").GetProperty("id").GetString() == "servicebot" && Name(a) is null
            && a.GetProperty("from").TryGetProperty("name", out var name) && name.GetString() == "ServiceBot");

        using (var back = await AgentAsync(HttpMethod.Post, $"/api/agent/conversations/{id}/return-to-bot", alice))
        {
            Assert.Equal(HttpStatusCode.NoContent, back.StatusCode);
        }

        await WaitForAsync(id, token, a => Text(a).Contains("请为刚才的人工服务打分", StringComparison.Ordinal));
        await PostAsync(id, token, "5");
        await WaitForAsync(id, token, a => Text(a).Contains("感谢您的评分（5 分）", StringComparison.Ordinal));
        await PostAsync(id, token, "退款多久到账");
        await WaitForAsync(id, token, a => a.GetProperty("from").GetProperty("id").GetString() == "servicebot" && Text(a).Contains("到账", StringComparison.Ordinal)
            && a.TryGetProperty("replyToId", out _));
    }

    [Fact]
    public async Task Customer_messages_racing_the_claim_never_get_a_bot_reply_after_the_agent_joined()
    {
        var (id, token) = await DirectLineTestClient.StartAsync(service.Client, Service);
        await PostAsync(id, token, "转人工");
        await WaitForAsync(id, token, a => Text(a).Contains("前面还有", StringComparison.Ordinal));
        var bob = await LoginAsync("bob", ServiceFixture.BobPassword);

        var racing = Task.Run(async () =>
        {
            for (var i = 0; i < 15; i++)
            {
                await PostAsync(id, token, "退款多久到账");
            }
        });
        await Task.Delay(30);
        using (var accepted = await AgentAsync(HttpMethod.Post, $"/api/agent/conversations/{id}/accept", bob))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        await racing;
        await Task.Delay(1500); // every queued turn has run
        var all = await DirectLineTestClient.ActivitiesAsync(service.Client, Service, id, token);
        var joined = all.FindIndex(a => Text(a).Contains("已接入", StringComparison.Ordinal));
        Assert.True(joined > 0, "no join message");
        Assert.DoesNotContain(all.Skip(joined + 1), a => a.GetProperty("from").GetProperty("role").GetString() == "bot" && Name(a) is null);
        Assert.Equal(15, all.Count(a => Text(a) == "退款多久到账"));
    }

    [Theory]
    [InlineData("你们就是骗子！！！", "complaint", "complaint")]
    [InlineData("asdfgh qwerty zxcvb", "fallbacks", "other")]
    public async Task Anger_and_two_fallbacks_in_a_row_put_the_customer_in_line_with_the_trigger(string text, string trigger, string priority)
    {
        var (id, token) = await DirectLineTestClient.StartAsync(service.Client, Service);
        await PostAsync(id, token, text);
        if (trigger == "fallbacks")
        {
            await WaitForAsync(id, token, a => a.TryGetProperty("replyToId", out _) && Text(a).Length > 0);
            await PostAsync(id, token, text + " again");
        }

        await WaitForAsync(id, token, a => Text(a).Contains("前面还有", StringComparison.Ordinal) || Text(a).Contains("ahead of you", StringComparison.Ordinal));
        var sam = await LoginAsync("sam", ServiceFixture.SamPassword);
        using var queue = await AgentAsync(HttpMethod.Get, "/api/agent/queue", sam);
        var mine = JsonDocument.Parse(await queue.Content.ReadAsStringAsync()).RootElement.GetProperty("waiting").EnumerateArray()
            .Single(w => w.GetProperty("conversationId").GetString() == id);
        Assert.Equal((trigger, priority), (mine.GetProperty("trigger").GetString(), mine.GetProperty("priority").GetString()));
    }

    [Fact]
    public async Task A_waiting_customer_can_stop_waiting_and_leaves_the_queue()
    {
        var (id, token) = await DirectLineTestClient.StartAsync(service.Client, Service);
        await PostAsync(id, token, "转人工");
        await WaitForAsync(id, token, a => Text(a).Contains("前面还有", StringComparison.Ordinal));
        await PostAsync(id, token, "不等了，返回机器人");
        await WaitForAsync(id, token, a => Text(a).Contains("已为您取消排队", StringComparison.Ordinal));
        var sam = await LoginAsync("sam", ServiceFixture.SamPassword);
        using var queue = await AgentAsync(HttpMethod.Get, "/api/agent/queue", sam);
        Assert.DoesNotContain(id, await queue.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_calls_need_an_agent_token_and_a_customer_token_is_not_one()
    {
        var (id, token) = await DirectLineTestClient.StartAsync(service.Client, Service);
        foreach (var bearer in new[] { null, token, "not-a-token" })
        {
            using var response = await AgentAsync(HttpMethod.Get, "/api/agent/queue", bearer);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        var alice = await LoginAsync("alice", ServiceFixture.AlicePassword);
        using var unknown = await AgentAsync(HttpMethod.Get, $"/api/agent/conversations/{id}", alice);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode); // never handed over: not readable from the console
    }

    private async Task<string> LoginAsync(string login, string password)
    {
        using var response = await DirectLineTestClient.SendAsync(service.Client, HttpMethod.Post, new Uri(Service, "/api/agent/login"), null,
            JsonSerializer.Serialize(new Dictionary<string, string> { ["login"] = login, ["password"] = password }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString()!;
    }

    private Task<HttpResponseMessage> AgentAsync(HttpMethod method, string path, string? token, string? json = null) =>
        DirectLineTestClient.SendAsync(service.Client, method, new Uri(Service, path), token, json ?? (method == HttpMethod.Post ? "{}" : null));

    private async Task PostAsync(string id, string token, string text)
    {
        using var response = await DirectLineTestClient.SendAsync(service.Client, HttpMethod.Post, new Uri(Service, $"/v3/directline/conversations/{id}/activities"), token,
            JsonSerializer.Serialize(new Dictionary<string, string> { ["type"] = "message", ["text"] = text }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<JsonElement> WaitForAsync(string id, string token, Func<JsonElement, bool> match)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var all = await DirectLineTestClient.ActivitiesAsync(service.Client, Service, id, token);
            if (all.FirstOrDefault(match) is { ValueKind: JsonValueKind.Object } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "not seen within the patience; transcript: " + string.Join(" | ", all.Select(a => Text(a) + Name(a))));
            await Task.Delay(50);
        }
    }

    private static string Text(JsonElement activity) => activity.TryGetProperty("text", out var text) ? text.GetString() ?? "" : "";

    private static string? Name(JsonElement activity) => activity.TryGetProperty("name", out var name) ? name.GetString() : null;
}
