using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace ServiceBot.Bot.Tests.Channels;

/// <summary>Direct Line over real HTTP and WebSocket: what well-behaved clients rely on, and bad input refused.</summary>
public sealed class DirectLineProtocolTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private HttpClient Client => service.Client;

    [Fact]
    public async Task A_token_from_generate_opens_its_conversation_which_starts_with_the_welcome()
    {
        var (conversationId, token) = await StartAsync();

        using var activities = await GetJsonAsync($"/v3/directline/conversations/{conversationId}/activities", token, HttpStatusCode.OK);
        var first = activities.RootElement.GetProperty("activities")[0];
        Assert.Equal("message", first.GetProperty("type").GetString());
        Assert.Equal($"{conversationId}|0000001", first.GetProperty("id").GetString());
        Assert.Equal("1", activities.RootElement.GetProperty("watermark").GetString());
    }

    [Theory]
    [InlineData("en", "Hello!")]
    [InlineData("zh-CN", "您好！")]
    public async Task The_welcome_is_in_the_locale_the_token_was_generated_for_when_the_conversation_is_started_without_a_body(string locale, string greeting)
    {
        // Web Chat (botframework-directlinejs) starts the conversation with an empty body: the token carries the language.
        using var generated = await SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", ServiceFixture.DirectLineSecret,
            $$"""{"user":{"id":"c-alice"},"locale":"{{locale}}"}""", HttpStatusCode.OK);
        var token = generated.RootElement.GetProperty("token").GetString()!;
        using var started = await SendAsync(HttpMethod.Post, "/v3/directline/conversations", token, null, HttpStatusCode.Created);
        var conversationId = started.RootElement.GetProperty("conversationId").GetString()!;

        using var activities = await GetJsonAsync($"/v3/directline/conversations/{conversationId}/activities", token, HttpStatusCode.OK);
        var welcome = activities.RootElement.GetProperty("activities")[0];
        Assert.StartsWith(greeting, welcome.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(locale, welcome.GetProperty("locale").GetString());
    }

    [Fact]
    public async Task A_posted_activity_is_stored_with_server_fields_and_everything_the_client_sent_and_answered()
    {
        var (conversationId, token) = await StartAsync();
        const string Body = """{"type":"message","text":"退款多久到账","from":{"id":"someone-else"},"channelData":{"clientActivityID":"c-42","extra":[1,2]},"entities":[{"type":"ClientCapabilities"}]}""";

        using var posted = await SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token, Body, HttpStatusCode.OK);
        var id = posted.RootElement.GetProperty("id").GetString();

        var stored = await WaitForAsync(conversationId, token, a => a.GetProperty("id").GetString() == id);
        Assert.Equal("c-42", stored.GetProperty("channelData").GetProperty("clientActivityID").GetString());
        Assert.Equal(2, stored.GetProperty("channelData").GetProperty("extra").GetArrayLength());
        Assert.Equal(JsonValueKind.Array, stored.GetProperty("entities").ValueKind);
        Assert.Equal("c-alice", stored.GetProperty("from").GetProperty("id").GetString()); // the token says who sent it
        Assert.True(stored.TryGetProperty("timestamp", out _));
        var reply = await WaitForAsync(conversationId, token, a => a.TryGetProperty("replyToId", out var r) && r.GetString() == id);
        Assert.Contains("到账", reply.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_stream_replays_everything_after_the_watermark_then_sends_new_activities()
    {
        var (conversationId, token) = await StartAsync();
        using var socket = new ClientWebSocket();
        var url = new UriBuilder(Client.BaseAddress!) { Scheme = "ws", Path = $"/v3/directline/conversations/{conversationId}/stream", Query = $"watermark=0&t={Uri.EscapeDataString(token)}" };
        await socket.ConnectAsync(url.Uri, CancellationToken.None);

        var welcome = await ReceiveFrameAsync(socket);
        Assert.Equal("1", welcome.GetProperty("watermark").GetString());
        await SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token, """{"type":"message","text":"你好"}""", HttpStatusCode.OK);
        var seen = new List<string>();
        while (seen.Count < 2)
        {
            var frame = await ReceiveFrameAsync(socket);
            seen.AddRange(frame.GetProperty("activities").EnumerateArray().Select(a => a.GetProperty("id").GetString()!));
        }

        Assert.Equal([$"{conversationId}|0000002", $"{conversationId}|0000003"], seen.Take(2));
    }

    public static TheoryData<string, string?, string, HttpStatusCode> BadPosts => new()
    {
        { "application/json", null, "{\"type\": ", HttpStatusCode.BadRequest },
        { "text/plain", null, "{\"type\":\"message\",\"text\":\"hi\"}", HttpStatusCode.UnsupportedMediaType },
        { "application/json", null, "{\"type\":\"deleteUserData\"}", HttpStatusCode.BadRequest },
        { "application/json", null, "[1,2,3]", HttpStatusCode.BadRequest },
        { "application/json", null, "{\"type\":\"message\",\"text\":\"" + new string('a', 2001) + "\"}", HttpStatusCode.BadRequest },
        { "application/json", null, "{\"type\":\"message\",\"text\":\"" + new string('a', 1024 * 1024) + "\"}", HttpStatusCode.RequestEntityTooLarge },
        { "application/json", "other", "{\"type\":\"message\",\"text\":\"hi\"}", HttpStatusCode.Forbidden },
        { "application/json", "..%2F..%2Fetc", "{\"type\":\"message\",\"text\":\"hi\"}", HttpStatusCode.Forbidden },
    };

    [Theory]
    [MemberData(nameof(BadPosts))]
    public async Task Bad_posts_get_the_right_4xx_with_a_json_body_and_change_nothing(string contentType, string? conversation, string body, HttpStatusCode expected)
    {
        var (conversationId, token) = await StartAsync();
        var target = conversation == "other" ? (await StartAsync()).ConversationId : conversation ?? conversationId;

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/v3/directline/conversations/{target}/activities", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.ExpectContinue = expected == HttpStatusCode.RequestEntityTooLarge;
        using var response = await Client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var after = await GetJsonAsync($"/v3/directline/conversations/{conversationId}/activities", token, HttpStatusCode.OK);
        Assert.Equal(1, after.RootElement.GetProperty("activities").GetArrayLength()); // still only the welcome
    }

    [Fact]
    public async Task An_unknown_conversation_is_404_and_a_token_cannot_be_generated_without_the_secret()
    {
        var (_, token) = await StartAsync();
        using var generated = await SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", ServiceFixture.DirectLineSecret, null, HttpStatusCode.OK);
        var unstarted = generated.RootElement.GetProperty("conversationId").GetString();
        var unstartedToken = generated.RootElement.GetProperty("token").GetString()!;

        (await GetJsonAsync($"/v3/directline/conversations/{unstarted}/activities", unstartedToken, HttpStatusCode.NotFound)).Dispose();
        (await SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", token, null, HttpStatusCode.Forbidden)).Dispose();
        (await SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", null, null, HttpStatusCode.Unauthorized)).Dispose();
    }

    [Fact]
    public async Task A_token_posting_too_fast_gets_429_with_retry_after()
    {
        var (conversationId, token) = await StartAsync();
        HttpStatusCode last = HttpStatusCode.OK;
        for (var i = 0; i < 70 && last != HttpStatusCode.TooManyRequests; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/v3/directline/conversations/{conversationId}/activities", UriKind.Relative))
            {
                Content = new StringContent("{\"type\":\"typing\"}", Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await Client.SendAsync(request);
            last = response.StatusCode;
            if (last == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(response.Headers.RetryAfter);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last);
    }

    private async Task<(string ConversationId, string Token)> StartAsync()
    {
        using var generated = await SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", ServiceFixture.DirectLineSecret,
            """{"user":{"id":"c-alice","name":"Alice"}}""", HttpStatusCode.OK);
        var token = generated.RootElement.GetProperty("token").GetString()!;
        using var started = await SendAsync(HttpMethod.Post, "/v3/directline/conversations", token, null, HttpStatusCode.Created);
        Assert.StartsWith("ws://", started.RootElement.GetProperty("streamUrl").GetString(), StringComparison.Ordinal);
        return (started.RootElement.GetProperty("conversationId").GetString()!, started.RootElement.GetProperty("token").GetString()!);
    }

    private async Task<JsonElement> WaitForAsync(string conversationId, string token, Func<JsonElement, bool> match)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var page = await GetJsonAsync($"/v3/directline/conversations/{conversationId}/activities", token, HttpStatusCode.OK);
            foreach (var activity in page.RootElement.GetProperty("activities").EnumerateArray())
            {
                if (match(activity))
                {
                    return activity.Clone();
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the activity never appeared in the transcript");
    }

    private Task<JsonDocument> GetJsonAsync(string path, string token, HttpStatusCode expected) => SendAsync(HttpMethod.Get, path, token, null, expected);

    private async Task<JsonDocument> SendAsync(HttpMethod method, string path, string? bearer, string? json, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{method} {path}: expected {expected}, got {response.StatusCode}: {text}");
        return JsonDocument.Parse(text.Length == 0 ? "{}" : text);
    }

    private static async Task<JsonElement> ReceiveFrameAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var total = 0;
            WebSocketReceiveResult result;
            do
            {
                var part = await socket.ReceiveAsync(buffer.AsMemory(total), timeout.Token);
                result = new WebSocketReceiveResult(part.Count, part.MessageType, part.EndOfMessage);
                total += result.Count;
            }
            while (!result.EndOfMessage);

            if (total > 0)
            {
                return JsonDocument.Parse(buffer.AsMemory(0, total)).RootElement.Clone();
            }
        }
    }
}
