using ServiceBot.Handoff.Queue;

namespace ServiceBot.Bot.Agents;

/// <summary>
/// The agent a request comes from, as configured now (the token only names the login). A handler of an endpoint
/// behind <see cref="AgentRouteExtensions.RequireAgent{TBuilder}"/> takes it as a parameter or reads
/// <see cref="AgentRouteExtensions.Agent(HttpContext)"/>.
/// </summary>
public sealed record AgentIdentity(string Login, string Name, AgentRole Role, IReadOnlyList<Skill> Skills, int Capacity)
{
    public bool IsSupervisor => Role == AgentRole.Supervisor;

    /// <summary>
    /// Minimal APIs bind a parameter of this type by authenticating the request; without a valid agent token it is
    /// null, and the endpoint must be behind RequireAgent, which answers 401 before the handler runs.
    /// </summary>
    public static ValueTask<AgentIdentity?> BindAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.RequestServices.GetRequiredService<AgentAuthenticator>().AuthenticateAsync(context);
    }

    /// <summary>What the queue needs to know of the agent.</summary>
    public AgentProfile ToProfile() => new(Login, Skills, Capacity);
}
