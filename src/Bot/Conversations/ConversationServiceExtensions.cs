using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ServiceBot.Bot.Dialogs;
using ServiceBot.Bot.Hosting;
using ServiceBot.Bot.Dialogs.Refund;
using ServiceBot.Bot.Refunds;
using ServiceBot.Bot.Turns;
using ServiceBot.Knowledge.Hosting;

namespace ServiceBot.Bot.Conversations;

public static class ConversationServiceExtensions
{
    /// <summary>Registers the turn pipeline, the dialogs, and conversation state (Redis, or memory when configured).</summary>
    public static IServiceCollection AddConversations(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ConversationOptions.Section);
        services.AddOptions<ConversationOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConversationOptions>>(new ProblemsValidator<ConversationOptions>(options => options.Problems()));
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<ConversationOptions>>().Value);
        services.TryAddSingleton(TimeProvider.System);
        if ((section.Get<ConversationOptions>() ?? new ConversationOptions()).UsesMemoryStore)
        {
            services.AddSingleton<IConversationStore, InMemoryConversationStore>();
            services.AddSingleton<IConversationOutbox, InMemoryConversationOutbox>();
        }
        else
        {
            services.AddSingleton<IConversationStore, RedisConversationStore>();
            services.AddSingleton<IConversationOutbox, RedisConversationOutbox>();
        }

        services.AddSingleton(provider => new KnowledgeResponder(() => provider.GetRequiredService<KnowledgeHost>().Current));
        services.AddSingleton(_ => CreateDialogs());
        services.AddSingleton<TurnServices>();
        services.AddSingleton<TurnProcessor>();
        services.AddSingleton<IRefundEvents, ProactiveMessenger>();
        return services;
    }

    /// <summary>Every top-level dialog.</summary>
    private static DialogSet CreateDialogs() => new DialogSet()
        .Add(new FileRefundDialog())
        .Add(new RefundProgressDialog())
        .Add(new RefundArrivalDialog())
        .Add(new ReturnShipmentDialog())
        .Add(new RespondToMerchantDialog())
        .Add(new WithdrawRequestDialog());
}
