using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using ServiceBot.Handoff.Queue;

namespace ServiceBot.Bot.Agents;

/// <summary>
/// POST /api/agent/login (design.md §3) and GET /api/agent/me. A login declares the agent to the queue, so the
/// queue knows its skills and capacity; the other agent endpoints are mapped by AgentEndpoints.
/// </summary>
public static partial class AgentLoginEndpoints
{
    public const string Prefix = "/api/agent";

    public static IEndpointRouteBuilder MapAgentLogin(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        _ = app.ServiceProvider.GetRequiredService<AgentTokens>(); // a bad agent or a missing key: refuse to start now
        // The dummy hash is made now, so not even the first unknown login answers at another speed than a wrong password.
        app.ServiceProvider.GetRequiredService<AgentPasswords>().Verify(null, string.Empty);
        var agent = app.MapGroup(Prefix);
        agent.MapPost("/login", LoginAsync).WithMetadata(new RequestSizeLimitAttribute(4 * 1024));
        agent.MapGet("/me", (AgentIdentity me) => Results.Json(AgentResponse.From(me), AgentJsonContext.Default.AgentResponse)).RequireAgent();
        return app;
    }

    private static async Task<IResult> LoginAsync(HttpContext http, AgentDirectory directory, AgentPasswords passwords, AgentTokens tokens,
        LoginThrottle throttle, AgentRoster roster, ILoggerFactory loggers)
    {
        AgentLoginRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(http.Request.Body, AgentJsonContext.Default.AgentLoginRequest, http.RequestAborted);
        }
        catch (JsonException e)
        {
            return AgentErrors.BadRequest($"The body is not valid JSON: {e.Message}");
        }

        if (body is not { Login: { Length: > 0 and <= 256 } login, Password: { Length: > 0 } password })
        {
            return AgentErrors.BadRequest("Send {\"login\": \"...\", \"password\": \"...\"}.");
        }

        var logger = loggers.CreateLogger(typeof(AgentLoginEndpoints));
        var address = http.Connection.RemoteIpAddress;
        var client = LoginThrottle.ClientOf(address);
        if (await throttle.AttemptAsync(login, address) is { } wait)
        {
            LogBlocked(logger, login, client);
            return AgentErrors.TooManyFailures(http, wait);
        }

        var account = directory.FindAccount(login);
        if (!passwords.Verify(account, password))
        {
            LogFailed(logger, login, client);
            return AgentErrors.WrongLogin();
        }

        var agent = account!.Identity;
        await throttle.SucceededAsync(login, address);
        var declared = await roster.DeclareAsync(agent.ToProfile(), http.RequestAborted);
        if (!declared.IsOk)
        {
            throw new InvalidOperationException($"The queue refused to declare agent {agent.Login}: {declared.Outcome}.");
        }

        LogSignedIn(logger, agent.Login);
        return Results.Json(new AgentLoginResponse(tokens.Issue(agent), (int)tokens.Lifetime.TotalSeconds, agent.Login, agent.Name, agent.Role.Name()),
            AgentJsonContext.Default.AgentLoginResponse);
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Agent {Login} signed in")]
    private static partial void LogSignedIn(ILogger logger, string login);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Failed agent login as {Login} from {Client}")]
    private static partial void LogFailed(ILogger logger, string login, string client);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Agent login as {Login} from {Client} refused: too many failures")]
    private static partial void LogBlocked(ILogger logger, string login, string client);
}
