using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Playwright;

namespace ServiceBot.Browser.Tests;

/// <summary>
/// The demo token endpoint and a Direct Line 3.0 service, answered inside the browser context (Playwright routes):
/// the page's own flow (POST /api/demo/token, then Web Chat's botframework-directlinejs: start the conversation, open
/// the stream WebSocket, post activities) runs unchanged, and the test sees exactly what the page sent and decides
/// what the bot answers. The page tests this way do not depend on the real Direct Line server; tests of the real
/// server go end to end.
/// </summary>
public sealed class FakeDirectLine
{
    public const string ConversationId = "fake-conversation";
    public const string BotId = "servicebot";

    private readonly ConcurrentQueue<string> _unexpected = new();
    private readonly Channel<JsonObject> _posted = Channel.CreateUnbounded<JsonObject>();
    private readonly TaskCompletionSource<IWebSocketRoute> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _sequence;

    /// <summary>The bodies the page posted to POST /api/demo/token, in order.</summary>
    public ConcurrentQueue<JsonObject> TokenRequests { get; } = new();

    /// <summary>What the bot answers a posted message with; by default one plain echo of its text.</summary>
    public Func<JsonObject, IEnumerable<JsonObject>> Reply { get; set; } = posted => [BotMessage($"echo: {posted["text"]}")];

    /// <summary>Requests under /v3/directline this fake does not serve (a reconnect, say): a test asserts there are none.</summary>
    public IReadOnlyList<string> Unexpected => [.. _unexpected];

    public static async Task<FakeDirectLine> InstallAsync(IBrowserContext context)
    {
        var fake = new FakeDirectLine();
        // Playwright tries the newest route first: the catch-all goes in before the endpoints it backs up.
        await context.RouteAsync("**/v3/directline/**", async route =>
        {
            fake._unexpected.Enqueue($"{route.Request.Method} {route.Request.Url}");
            await route.FulfillAsync(new RouteFulfillOptions { Status = 404 });
        });
        await context.RouteAsync("**/api/demo/token", fake.TokenAsync);
        await context.RouteAsync("**/v3/directline/conversations", fake.StartConversationAsync);
        await context.RouteAsync("**/v3/directline/conversations/*/activities", fake.PostActivityAsync);
        await context.RouteWebSocketAsync("**/v3/directline/conversations/*/stream*", stream => fake._stream.TrySetResult(stream));
        return fake;
    }

    /// <summary>The next activity the page posts (a message, or anything else Web Chat sends).</summary>
    public async Task<JsonObject> NextPostedAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        return await _posted.Reader.ReadAsync(cancel.Token);
    }

    /// <summary>The next posted message activity (typing and event activities are skipped).</summary>
    public async Task<JsonObject> NextMessageAsync(TimeSpan? timeout = null)
    {
        while (true)
        {
            var posted = await NextPostedAsync(timeout);
            if ((string?)posted["type"] == "message")
            {
                return posted;
            }
        }
    }

    /// <summary>Sends activities from the bot down the stream, as the real service does for proactive messages.</summary>
    public async Task SendAsync(params JsonObject[] activities)
    {
        var stream = await _stream.Task.WaitAsync(TimeSpan.FromSeconds(15));
        foreach (var activity in activities)
        {
            Stamp(activity);
        }

        stream.Send(new JsonObject
        {
            ["activities"] = new JsonArray([.. activities]),
            ["watermark"] = _sequence.ToString(CultureInfo.InvariantCulture),
        }.ToJsonString());
    }

    public static JsonObject BotMessage(string markdown, params string[] suggestedActions)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["from"] = new JsonObject { ["id"] = BotId, ["name"] = "ServiceBot", ["role"] = "bot" },
            ["text"] = markdown,
            ["textFormat"] = "markdown",
        };
        if (suggestedActions.Length > 0)
        {
            activity["suggestedActions"] = new JsonObject
            {
                ["actions"] = new JsonArray([.. suggestedActions.Select(a => (JsonNode)new JsonObject { ["type"] = "imBack", ["title"] = a, ["value"] = a })]),
            };
        }

        return activity;
    }

    private async Task TokenAsync(IRoute route)
    {
        if (route.Request.Method != "POST")
        {
            await route.FulfillAsync(new RouteFulfillOptions { Status = 405 });
            return;
        }

        TokenRequests.Enqueue(JsonNode.Parse(route.Request.PostData ?? "{}")!.AsObject());
        await FulfillJsonAsync(route, new JsonObject { ["conversationId"] = ConversationId, ["token"] = "fake-token", ["expires_in"] = 1800 });
    }

    private async Task StartConversationAsync(IRoute route)
    {
        var origin = new Uri(route.Request.Url).GetLeftPart(UriPartial.Authority);
        var streamUrl = "ws" + origin[4..] + $"/v3/directline/conversations/{ConversationId}/stream?t=fake-stream-token";
        await FulfillJsonAsync(route, new JsonObject
        {
            ["conversationId"] = ConversationId,
            ["token"] = "fake-token",
            ["expires_in"] = 1800,
            ["streamUrl"] = streamUrl,
        }, status: 201);
    }

    private async Task PostActivityAsync(IRoute route)
    {
        var posted = JsonNode.Parse(route.Request.PostData ?? "{}")!.AsObject();
        var echo = posted.DeepClone().AsObject();
        Stamp(echo);
        await FulfillJsonAsync(route, new JsonObject { ["id"] = (string?)echo["id"] });
        await _posted.Writer.WriteAsync(posted);

        // Like the real service: the customer's own activity comes back on the stream (with its clientActivityID, or
        // Web Chat shows it as unsent), then the bot's answers, each a reply to it.
        var replies = (string?)posted["type"] == "message" ? Reply(posted).ToArray() : [];
        foreach (var reply in replies)
        {
            reply["replyToId"] = (string?)echo["id"];
            reply["locale"] ??= (string?)posted["locale"];
        }

        await SendAsync([echo, .. replies]);
    }

    private void Stamp(JsonObject activity)
    {
        if (activity["id"] is null)
        {
            activity["id"] = $"{ConversationId}|{Interlocked.Increment(ref _sequence):D7}";
        }

        activity["conversation"] = new JsonObject { ["id"] = ConversationId };
        activity["timestamp"] ??= DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        activity["channelId"] = "directline";
    }

    private static Task FulfillJsonAsync(IRoute route, JsonObject body, int status = 200) =>
        route.FulfillAsync(new RouteFulfillOptions { Status = status, ContentType = "application/json", Body = body.ToJsonString(JsonOptions) });

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
