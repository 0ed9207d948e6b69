using Microsoft.Extensions.Configuration;

namespace ServiceBot.Bot.Hosting;

/// <summary>Configuration for command-line verbs: appsettings.json beside the program, then environment variables.</summary>
internal static class BotConfiguration
{
    public static IConfiguration Load() => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .Build();

    public static KnowledgeOptions Knowledge(IConfiguration configuration, string? pathOverride)
    {
        var options = configuration.GetSection(KnowledgeOptions.Section).Get<KnowledgeOptions>() ?? new KnowledgeOptions();
        if (!string.IsNullOrWhiteSpace(pathOverride))
        {
            options.Path = pathOverride;
        }

        return options;
    }
}
