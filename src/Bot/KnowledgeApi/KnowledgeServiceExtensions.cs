using Microsoft.Extensions.Options;
using ServiceBot.Bot.Hosting;
using ServiceBot.Knowledge.Hosting;

namespace ServiceBot.Bot.KnowledgeApi;

public static class KnowledgeServiceExtensions
{
    /// <summary>Registers the hot-reloading knowledge base, started with the host and stopped with it.</summary>
    public static IServiceCollection AddKnowledge(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<KnowledgeOptions>(configuration.GetSection(KnowledgeOptions.Section));
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<KnowledgeOptions>>().Value;
            return new KnowledgeHost(options.ResolvePath(), options.Thresholds, provider.GetRequiredService<ILogger<KnowledgeHost>>());
        });
        services.AddHostedService<KnowledgeHostService>();
        return services;
    }

    private sealed class KnowledgeHostService(KnowledgeHost host) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            host.Start();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            host.Dispose();
            return Task.CompletedTask;
        }
    }
}
