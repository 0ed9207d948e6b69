using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ServiceBot.Bot.Hosting;
using ServiceBot.Handoff.Redis;
using ServiceBot.Knowledge.Hosting;
using ServiceBot.Knowledge.Loading;

namespace ServiceBot.Bot.Refunds;

public static class RefundServiceExtensions
{
    /// <summary>
    /// Registers the refund domain: demo orders, the request store (Redis, or memory with Refunds:Store = memory),
    /// the service, the API key check and the overdue job. Policy values come from the live knowledge base when
    /// AddKnowledge registered one, else policy.yaml's defaults. Registrations made earlier win (tests, real orders).
    /// </summary>
    public static IServiceCollection AddRefunds(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(RefundOptions.Section);
        services.AddOptions<RefundOptions>().Bind(section).ValidateOnStart();
        // Refuses to start with keys that cannot work, rather than answering every call 401.
        var oldKeyShape = section.GetSection("MerchantApiKeys").Exists()
            ? $"{RefundOptions.Section}:MerchantApiKeys is no longer read: use {RefundOptions.Section}:MerchantKeys:N:Merchant and :Key."
            : null;
        services.AddSingleton<IValidateOptions<RefundOptions>>(new ProblemsValidator<RefundOptions>(
            refundOptions => refundOptions.KeyProblems().Concat(oldKeyShape is null ? [] : [oldKeyShape])));
        var options = section.Get<RefundOptions>() ?? new RefundOptions();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IOrderService>(provider =>
            SeedOrderService.Load(options.SeedPath is { Length: > 0 } path ? path : SeedOrderService.DefaultPath,
                provider.GetRequiredService<TimeProvider>()));
        if (options.UsesMemoryStore)
        {
            services.TryAddSingleton<IRefundStore, InMemoryRefundStore>();
        }
        else
        {
            services.TryAddSingleton<IRefundStore>(provider => new RedisRefundStore(provider.GetRequiredService<RedisConnection>()));
        }

        services.TryAddSingleton<IRefundService>(provider => new RefundService(
            provider.GetRequiredService<IRefundStore>(),
            provider.GetRequiredService<IOrderService>(),
            LivePolicy(provider),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetServices<IRefundEvents>(),
            provider.GetRequiredService<ILogger<RefundService>>()));
        services.TryAddSingleton<ApiKeyAuthenticator>();
        services.AddHostedService<OverdueRefundJob>();
        return services;
    }

    private static Func<PolicyValues> LivePolicy(IServiceProvider provider)
    {
        var knowledge = provider.GetService<KnowledgeHost>();
        return () => knowledge?.Current?.Policy ?? PolicyValues.Empty;
    }
}
