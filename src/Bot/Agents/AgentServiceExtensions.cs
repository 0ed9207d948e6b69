using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ServiceBot.Bot.Hosting;
using ServiceBot.Handoff.Queue;

namespace ServiceBot.Bot.Agents;

public static partial class AgentServiceExtensions
{
    /// <summary>
    /// Registers the agents ("Handoff" section, checked at start), their passwords, tokens, login limits and the
    /// request authentication, with the handoff queue they are declared to.
    /// </summary>
    public static IServiceCollection AddAgents(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddHandoffQueue(configuration);
        services.AddOptions<AgentOptions>().Bind(configuration.GetSection(AgentOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AgentOptions>>(provider => new ProblemsValidator<AgentOptions>(
            options => options.Problems(provider.GetRequiredService<IHostEnvironment>().IsDevelopment())));
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<AgentOptions>>().Value);
        services.AddSingleton(provider => new AgentDirectory(provider.GetRequiredService<AgentOptions>()));
        services.AddSingleton<AgentPasswords>();
        services.AddSingleton(CreateTokens);
        services.AddSingleton<AgentAuthenticator>();
        services.AddSingleton<LoginThrottle>();
        return services;
    }

    /// <summary>The queue's types ("Handoff:Queue" section, checked at start); each takes the connection, the options and the clock.</summary>
    public static IServiceCollection AddHandoffQueue(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<HandoffOptions>().Bind(configuration.GetSection(HandoffOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HandoffOptions>>(new ProblemsValidator<HandoffOptions>(QueueProblems)));
        services.TryAddSingleton(provider => provider.GetRequiredService<IOptions<HandoffOptions>>().Value);
        services.TryAddSingleton<AgentRoster>();
        services.TryAddSingleton<WaitingLine>();
        services.TryAddSingleton<Assignments>();
        services.TryAddSingleton<PresenceSweep>();
        services.TryAddSingleton<ConversationOwners>();
        services.TryAddSingleton<HandoffContexts>();
        return services;
    }

    private static IEnumerable<string> QueueProblems(HandoffOptions options)
    {
        try
        {
            options.Validate();
            return [];
        }
        catch (InvalidOperationException e)
        {
            return [e.Message];
        }
    }

    /// <summary>
    /// The key comes from configuration; a development machine without one gets a random one for the run (tokens do
    /// not outlive it). Anywhere else the options validator has already refused to start unless no agent is configured,
    /// when a random key signs nothing.
    /// </summary>
    private static AgentTokens CreateTokens(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<AgentOptions>();
        var directory = provider.GetRequiredService<AgentDirectory>();
        var key = options.TokenKey;
        if (key is null)
        {
            if (directory.All.Count > 0 && !provider.GetRequiredService<IHostEnvironment>().IsDevelopment())
            {
                throw new InvalidOperationException($"{AgentOptions.Section}:TokenKey is not set; it is required outside Development when agents are configured.");
            }

            key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            if (directory.All.Count > 0)
            {
                LogGeneratedKey(provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AgentServiceExtensions)));
            }
        }

        return new AgentTokens(key, options.TokenLifetime, directory, provider.GetRequiredService<TimeProvider>());
    }

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning,
        Message = "Handoff:TokenKey is not set; a random one was generated for this run (Development): agent tokens end with it and work on this instance only")]
    private static partial void LogGeneratedKey(ILogger logger);
}
