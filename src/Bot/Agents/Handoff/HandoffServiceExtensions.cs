using Microsoft.Extensions.DependencyInjection.Extensions;
using ServiceBot.Handoff.Queue;

namespace ServiceBot.Bot.Agents.Handoff;

public static class HandoffServiceExtensions
{
    /// <summary>
    /// The human handoff: on Redis the agent queue, the desk the turn pipeline asks and the notices agents' actions
    /// produce; with the in-memory store (the terminal chat) there is no queue and a person means the hotline.
    /// </summary>
    public static IServiceCollection AddHandoff(this IServiceCollection services, IConfiguration configuration, bool inMemory)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAgentConsoles, NoAgentConsoles>();
        if (inMemory)
        {
            services.AddSingleton<IHandoffDesk, UnavailableHandoffDesk>();
            return services;
        }

        services.AddHandoffQueue(configuration);
        services.TryAddSingleton<SatisfactionSurveys>();
        services.TryAddSingleton<AgentNotes>();
        services.TryAddSingleton<ToldPositions>();
        services.AddSingleton<PositionAnnouncer>();
        services.AddSingleton(_ => new ServiceHours(configuration["Handoff:ServiceHours"] ?? "08:00-22:00", configuration["Handoff:UtcOffset"] ?? "+08:00"));
        services.AddSingleton<IHandoffDesk, HandoffDesk>();
        services.AddSingleton<HandoffNotices>();
        return services;
    }
}
