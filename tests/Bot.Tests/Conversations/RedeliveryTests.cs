namespace ServiceBot.Bot.Tests.Conversations;

/// <summary>A redelivered message is recognised for the whole redelivery window, however many came after it.</summary>
public abstract class RedeliveryTests(StoreKind store)
{
    [Fact]
    public async Task A_message_redelivered_after_fifty_others_is_not_processed_again()
    {
        await using var bot = TestBot.Create(store);
        var first = bot.Message("退款多久到账", id: "first");
        Assert.NotEmpty(await bot.Processor.ProcessAsync(first));
        for (var i = 0; i < 50; i++)
        {
            await bot.SendAsync("你好");
        }

        Assert.Empty(await bot.Processor.ProcessAsync(first));
    }

    [Fact]
    public async Task Ids_older_than_the_window_are_forgotten()
    {
        await using var bot = TestBot.Create(store, settings: new Dictionary<string, string?> { ["Conversations:RedeliveryWindow"] = "00:00:00.500" });
        var first = bot.Message("退款多久到账", id: "first");
        Assert.NotEmpty(await bot.Processor.ProcessAsync(first));
        Assert.Empty(await bot.Processor.ProcessAsync(first));

        await Task.Delay(800);
        await bot.SendAsync("你好"); // a turn after the window drops the old id

        var state = await bot.Store.PeekAsync(bot.ConversationId);
        Assert.DoesNotContain(state.RecentMessages, m => m.Id == "first");
        Assert.NotEmpty(await bot.Processor.ProcessAsync(first));
    }
}

public sealed class InMemoryRedeliveryTests() : RedeliveryTests(StoreKind.Memory);

public sealed class RedisRedeliveryTests() : RedeliveryTests(StoreKind.Redis);
