using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;

namespace ServiceBot.Browser.Tests;

/// <summary>
/// The Agent API (design.md §3) played by the browser context itself (Playwright routes), for the console tests that
/// are about the page, not the server: exact answers on request (a 429 with Retry-After, a transcript holding
/// markup, a 401 mid-session), every request recorded. The SignalR hub is refused, so the console runs on its
/// polling fallback. The knowledge search is not routed: it is the real host's.
/// </summary>
public sealed class FakeAgentApi
{
    public sealed record Recorded(string Method, string Path, string? Body);

    public sealed record Reply(int Status, object? Body = null, IReadOnlyDictionary<string, string>? Headers = null);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ConcurrentDictionary<string, Func<Recorded, Reply>> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Recorded> _calls = new();

    public IReadOnlyList<Recorded> Calls => [.. _calls];

    /// <summary>Answers "<paramref name="method"/> /api/agent/<paramref name="path"/>" (query ignored).</summary>
    public FakeAgentApi On(string method, string path, Func<Recorded, Reply> answer)
    {
        _answers[$"{method} /api/agent/{path}"] = answer;
        return this;
    }

    public FakeAgentApi On(string method, string path, Reply reply) => On(method, path, _ => reply);

    public IEnumerable<Recorded> CallsTo(string method, string path) =>
        Calls.Where(c => c.Method == method && c.Path == $"/api/agent/{path}");

    public async Task InstallAsync(IBrowserContext context)
    {
        // The hub first (routes registered later win): refused, as a host without one would.
        await context.RouteAsync("**/api/agent/**", async route =>
        {
            var request = route.Request;
            var path = new Uri(request.Url).AbsolutePath;
            var call = new Recorded(request.Method, path, request.PostData);
            _calls.Enqueue(call);
            var reply = path.StartsWith("/api/agent/hub", StringComparison.Ordinal) || !_answers.TryGetValue($"{request.Method} {path}", out var answer)
                ? new Reply(404)
                : answer(call);
            await route.FulfillAsync(new RouteFulfillOptions
            {
                Status = reply.Status,
                ContentType = "application/json",
                Body = reply.Body is null ? "" : JsonSerializer.Serialize(reply.Body, Json),
                Headers = reply.Headers,
            });
        });
    }

    /// <summary>A signed-in agent's answer to POST /login.</summary>
    public static Reply LoginOk(string login = "alice", string name = "Alice Wang", string role = "agent") =>
        new(200, new { token = $"fake-token-{login}", expires_in = 3600, login, name, role });
}
