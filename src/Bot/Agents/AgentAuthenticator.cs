namespace ServiceBot.Bot.Agents;

/// <summary>
/// Finds the agent a request comes from: <c>Authorization: Bearer &lt;agent token&gt;</c>, or, only on the hub's paths
/// (<see cref="HubPath"/> and below: browsers cannot put headers on a WebSocket), the <c>access_token</c> query
/// parameter as SignalR clients send it. The agent found is kept on the request for <see cref="AgentRouteExtensions.Agent"/>.
/// </summary>
public sealed class AgentAuthenticator(AgentTokens tokens)
{
    public const string HubPath = "/api/agent/hub";

    public const string QueryTokenName = "access_token";

    /// <summary>The request's agent, or null when it carries no valid agent token.</summary>
    public async ValueTask<AgentIdentity?> AuthenticateAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Features.Get<AgentIdentity>() is { } known)
        {
            return known;
        }

        if (await tokens.ValidateAsync(PresentedToken(http)) is not { } agent)
        {
            return null;
        }

        http.Features.Set(agent);
        return agent;
    }

    private static string? PresentedToken(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (header.Length > 0)
        {
            return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header["Bearer ".Length..].Trim() is { Length: > 0 } value
                ? value
                : null;
        }

        return http.Request.Path.StartsWithSegments(HubPath, StringComparison.OrdinalIgnoreCase)
            ? http.Request.Query[QueryTokenName].ToString() is { Length: > 0 } query ? query : null
            : null;
    }
}
