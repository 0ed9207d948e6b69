namespace ServiceBot.Bot.Agents;

public static class AgentRouteExtensions
{
    /// <summary>
    /// Endpoints (or a group) that only agents may call: without a valid agent token, 401 before the handler runs.
    /// Handlers get the agent as an <see cref="AgentIdentity"/> parameter or from <see cref="Agent"/>.
    /// </summary>
    public static TBuilder RequireAgent<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.AddEndpointFilter<TBuilder, AgentFilter>();

    /// <summary>The agent of a request that went through <see cref="RequireAgent{TBuilder}"/> (or was authenticated by <see cref="AgentAuthenticator"/>).</summary>
    public static AgentIdentity Agent(this HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Features.Get<AgentIdentity>()
            ?? throw new InvalidOperationException("No agent authenticated this request: put the endpoint behind RequireAgent().");
    }
}
