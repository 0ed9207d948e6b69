using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace ServiceBot.Bot.Tests.Agents;

/// <summary>The service with the test agents; the address limit is raised so the tests of one class do not add up to it.</summary>
public sealed class AgentApiFixture : ServiceFixture
{
    protected override IEnumerable<string> Settings => ["--Handoff:LoginFailuresPerAddress", "1000"];
}

/// <summary>The service with the test agents and more settings, started by the test itself.</summary>
internal sealed class ConfiguredService(params string[] settings) : ServiceFixture, IAsyncDisposable
{
    protected override IEnumerable<string> Settings => settings;

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());
}

/// <summary>The agent API calls the tests make.</summary>
internal static class AgentApi
{
    public static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> LoginAsync(HttpClient http, string login, string password) =>
        await PostJsonAsync(http, "/api/agent/login", JsonSerializer.Serialize(new { login, password }));

    public static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> PostJsonAsync(HttpClient http, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await http.PostAsync(new Uri(path, UriKind.Relative), content);
        return (response.StatusCode, await BodyAsync(response), response);
    }

    public static async Task<string> TokenAsync(HttpClient http, string login, string password)
    {
        var (status, body, _) = await LoginAsync(http, login, password);
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        return body.GetProperty("token").GetString()!;
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> GetAsync(HttpClient http, string path, string? bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        var response = await http.SendAsync(request);
        return (response.StatusCode, await BodyAsync(response), response);
    }

    /// <summary>A client whose connections come from another loopback address (127.0.0.x), for per-address limits.</summary>
    public static HttpClient From(string localAddress, Uri service) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = service };

    /// <summary>A problem body without its traceId, which differs from call to call.</summary>
    public static string WithoutTrace(JsonElement problem) =>
        JsonSerializer.Serialize(problem.EnumerateObject().Where(p => p.Name != "traceId").ToDictionary(p => p.Name, p => p.Value));

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
