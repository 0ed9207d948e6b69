using ServiceBot.Bot.Conversations;
using ServiceBot.Bot.KnowledgeApi;
using ServiceBot.Bot.Refunds;
using ServiceBot.Knowledge.Hosting;

namespace ServiceBot.Bot.Hosting;

/// <summary>
/// The bot's services without a web server: the terminal chat, the benchmark and transcript tests run the same
/// pipeline the service runs, with the stores chosen by configuration (Redis, or memory).
/// </summary>
public static class BotServices
{
    public static IServiceCollection AddBot(this IServiceCollection services, IConfiguration configuration) => services
        .AddInputLimits(configuration)
        .AddRedis(configuration)
        .AddKnowledge(configuration)
        .AddRefunds(configuration)
        .AddConversations(configuration);

    /// <summary>Registers <see cref="InputLimits"/> from the "Limits" section, checked when the host starts.</summary>
    public static IServiceCollection AddInputLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InputLimits>()
            .Bind(configuration.GetSection(InputLimits.Section))
            .Validate(limits => limits.IsValid, $"every {InputLimits.Section}:* value must be at least 1")
            .ValidateOnStart();
        services.AddSingleton(provider => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<InputLimits>>().Value);
        return services;
    }

    /// <summary>A ready provider: knowledge loaded (and watched for edits).</summary>
    public static ServiceProvider Build(IConfiguration configuration, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(configuration);
        services.AddBot(configuration);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<KnowledgeHost>().Start();
        return provider;
    }
}
