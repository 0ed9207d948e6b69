namespace ServiceBot.Bot.Agents;

/// <summary>Lets a request through only with a valid agent token; anything else is 401 with a JSON body.</summary>
public sealed class AgentFilter(AgentAuthenticator authenticator) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (await authenticator.AuthenticateAsync(context.HttpContext) is null)
        {
            return AgentErrors.Unauthorized(context.HttpContext);
        }

        return await next(context);
    }
}
