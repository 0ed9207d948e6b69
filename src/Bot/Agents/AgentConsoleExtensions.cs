using Microsoft.Extensions.DependencyInjection.Extensions;
using ServiceBot.Bot.Agents.Handoff;
using ServiceBot.Bot.Conversations;
using ServiceBot.Handoff.Redis;
using StackExchange.Redis;

namespace ServiceBot.Bot.Agents;

public static class AgentConsoleExtensions
{
    /// <summary>
    /// What the consoles need beside the accounts: the SignalR hub (with the Redis backplane, so agents and
    /// customers may be on different instances), the feeds of watched conversations, and the presence sweep.
    /// </summary>
    public static IServiceCollection AddAgentConsole(this IServiceCollection services, IConfiguration configuration)
    {
        var signalR = services.AddSignalR();
        var inMemory = (configuration.GetSection(ConversationOptions.Section).Get<ConversationOptions>() ?? new ConversationOptions()).UsesMemoryStore;
        services.Replace(ServiceDescriptor.Singleton<IAgentConsoles, HubAgentConsoles>());
        services.AddSingleton<IAgentNames, DirectoryAgentNames>();
        services.AddSingleton<AgentHubFeeds>();
        if (!inMemory)
        {
            var redis = configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
            var connection = configuration.GetConnectionString(RedisOptions.ConnectionStringName) is { Length: > 0 } given ? given : redis.ConnectionString;
            signalR.AddStackExchangeRedis(connection, backplane =>
            {
                backplane.Configuration.AbortOnConnectFail = false;
                backplane.Configuration.ChannelPrefix = RedisChannel.Literal(redis.KeyPrefix + "signalr:");
            });
            services.AddHostedService<PresenceSweeper>();
        }

        return services;
    }

    public static IEndpointRouteBuilder MapAgentConsole(this IEndpointRouteBuilder app)
    {
        app.MapAgentApi();
        app.MapHub<AgentHub>(AgentAuthenticator.HubPath);
        return app;
    }
}
