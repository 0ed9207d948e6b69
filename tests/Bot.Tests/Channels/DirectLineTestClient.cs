using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ServiceBot.Bot.Tests.Channels;

/// <summary>The few Direct Line calls the channel tests make over and over, as a host app and a client make them.</summary>
internal static class DirectLineTestClient
{
    /// <summary>A token from tokens/generate (the host backend, with the secret), then the conversation it opens.</summary>
    public static async Task<(string ConversationId, string Token)> StartAsync(HttpClient http, Uri service)
    {
        using var generated = await SendAsync(http, HttpMethod.Post, new Uri(service, "/v3/directline/tokens/generate"), ServiceFixture.DirectLineSecret,
            """{"user":{"id":"c-alice","name":"Alice"}}""");
        var token = JsonDocument.Parse(await generated.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString()!;
        using var started = await SendAsync(http, HttpMethod.Post, new Uri(service, "/v3/directline/conversations"), token, null);
        var conversation = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement;
        return (conversation.GetProperty("conversationId").GetString()!, conversation.GetProperty("token").GetString()!);
    }

    /// <summary>The conversation's whole transcript, by polling.</summary>
    public static async Task<List<JsonElement>> ActivitiesAsync(HttpClient http, Uri service, string conversationId, string token)
    {
        using var response = await SendAsync(http, HttpMethod.Get, new Uri(service, $"/v3/directline/conversations/{conversationId}/activities?watermark=0"), token, null);
        using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return page.RootElement.GetProperty("activities").EnumerateArray().Select(a => a.Clone()).ToList();
    }

    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, Uri uri, string? bearer, string? json)
    {
        using var request = new HttpRequestMessage(method, uri);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await http.SendAsync(request);
    }
}
