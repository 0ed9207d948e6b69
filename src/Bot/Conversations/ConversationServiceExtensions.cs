using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ServiceBot.Bot.Agents.Handoff;
using ServiceBot.Bot.Dialogs;
using ServiceBot.Bot.Hosting;
using ServiceBot.Bot.Dialogs.Refund;
using ServiceBot.Bot.Refunds;
using ServiceBot.Bot.Turns;
using ServiceBot.Handoff.Transcripts;
using ServiceBot.Knowledge.Hosting;

namespace ServiceBot.Bot.Conversations;

public static class ConversationServiceExtensions
{
    /// <summary>Registers the turn pipeline, the dialogs, conversation state and transcripts (Redis, or memory when configured).</summary>
    public static IServiceCollection AddConversations(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ConversationOptions.Section);
        services.AddOptions<ConversationOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConversationOptions>>(new ProblemsValidator<ConversationOptions>(options => options.Problems()));
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<ConversationOptions>>().Value);
        services.TryAddSingleton(TimeProvider.System);
        var inMemory = (section.Get<ConversationOptions>() ?? new ConversationOptions()).UsesMemoryStore;
        if (inMemory)
        {
            services.AddSingleton<IConversationStore, InMemoryConversationStore>();
        }
        else
        {
            services.AddSingleton<IConversationStore, RedisConversationStore>();
        }

        AddTranscripts(services, configuration, inMemory);
        services.AddHandoff(configuration, inMemory);

        services.AddSingleton(provider => new KnowledgeResponder(() => provider.GetRequiredService<KnowledgeHost>().Current));
        services.AddSingleton(_ => CreateDialogs());
        services.AddSingleton<TurnServices>();
        services.AddSingleton<TurnProcessor>();
        services.AddSingleton<IRefundEvents, ProactiveMessenger>();
        return services;
    }

    /// <summary>The conversation's transcript, kept where its state is: a memory store's state and log vanish together.</summary>
    private static void AddTranscripts(IServiceCollection services, IConfiguration configuration, bool inMemory)
    {
        services.AddOptions<TranscriptOptions>().Bind(configuration.GetSection(TranscriptOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TranscriptOptions>>(new ProblemsValidator<TranscriptOptions>(options => options.Problems()));
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<TranscriptOptions>>().Value);
        if (inMemory)
        {
            services.AddSingleton<ITranscript, InMemoryTranscript>();
        }
        else
        {
            services.AddSingleton<ITranscript, RedisTranscript>();
        }
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
