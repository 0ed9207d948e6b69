using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServiceBot.Handoff.Activities;
using ServiceBot.Handoff.Transcripts;
using ServiceBot.Bot.Conversations;
using ServiceBot.Bot.Hosting;
using ServiceBot.Bot.Refunds;
using ServiceBot.Bot.Turns;
using ServiceBot.Tests.Support;

namespace ServiceBot.Bot.Tests.Conversations;

public enum StoreKind
{
    Memory,
    Redis,
}

/// <summary>The real turn pipeline with either store, a demo customer, and a conversation of its own.</summary>
public sealed class TestBot : IAsyncDisposable
{
    private int _messages;
    private long _seen;

    private TestBot(ServiceProvider services, string customerId)
    {
        Services = services;
        CustomerId = customerId;
        ConversationId = "test-" + Guid.NewGuid().ToString("N")[..12];
        Processor = services.GetRequiredService<TurnProcessor>();
    }

    public ServiceProvider Services { get; }

    public TurnProcessor Processor { get; }

    public string CustomerId { get; }

    public string ConversationId { get; }

    public IRefundService Refunds => Services.GetRequiredService<IRefundService>();

    public ITranscript Transcript => Services.GetRequiredService<ITranscript>();

    public IConversationStore Store => Services.GetRequiredService<IConversationStore>();

    public static TestBot Create(StoreKind store, string customerId = "c-alice", IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Knowledge:Path"] = RepositoryPaths.Knowledge,
            ["Conversations:Store"] = store == StoreKind.Memory ? "memory" : "redis",
            ["Refunds:Store"] = store == StoreKind.Memory ? "memory" : "redis",
            ["Redis:KeyPrefix"] = TestRedis.UniquePrefix(),
            ["Redis:ConnectTimeoutMs"] = "2000",
        };
        if (store == StoreKind.Redis)
        {
            values["ConnectionStrings:Redis"] = TestRedis.ConnectionString;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new TestBot(BotServices.Build(configuration), customerId);
    }

    public Task<IReadOnlyList<Activity>> SendAsync(string text, IReadOnlyList<Attachment>? attachments = null, string? id = null) =>
        Processor.ProcessAsync(Message(text, attachments, id));

    public Activity Message(string text, IReadOnlyList<Attachment>? attachments = null, string? id = null) => new()
    {
        Id = id ?? "m" + Interlocked.Increment(ref _messages),
        Text = text,
        Attachments = attachments,
        From = new ChannelAccount(CustomerId, null, "user"),
        Conversation = new ConversationAccount(ConversationId),
    };

    public TestFlow Flow() => new(this);

    /// <summary>
    /// The transcript's activities since the last call: what the bot said on its own, since the pipeline appends no
    /// turn to it. Reading leaves them there, as a reconnecting Direct Line client would find them.
    /// </summary>
    public async Task<IReadOnlyList<Activity>> ReadNewAsync()
    {
        var page = await Transcript.ReadAllAsync(ConversationId, _seen);
        _seen = page.Watermark;
        return page.Entries.Select(e => e.Activity).ToList();
    }

    public async ValueTask DisposeAsync() => await Services.DisposeAsync();

    public static IReadOnlyList<Attachment> Images(int count) =>
        Enumerable.Range(1, count).Select(i => new Attachment("image/jpeg", $"https://files.example/{i}.jpg", $"photo{i}.jpg", 200_000)).ToList();
}
