namespace ServiceBot.Bot.Tests.Conversations;

/// <summary>The conversation remembers the entry it answered, so "那要多久" is read as a follow-up of it.</summary>
public abstract class FollowUpConversationTests(StoreKind store)
{
    [Fact]
    public async Task A_follow_up_after_an_answer_is_answered_about_that_topic()
    {
        await using var bot = TestBot.Create(store);
        await bot.SendAsync("退款多久到账");
        Assert.Equal("refund-arrival-time", (await bot.Store.PeekAsync(bot.ConversationId)).LastAnswer);

        // Alone, "要是一直没到呢" is answered with the missing parcel; after the arrival times it is the money.
        var reply = Assert.Single(await bot.SendAsync("要是一直没到呢"));
        Assert.StartsWith("您是想问", reply.Text, StringComparison.Ordinal);
        Assert.Equal("退款显示成功了但钱没到账怎么办？", reply.SuggestedActions!.Actions[0].Title);
        Assert.DoesNotContain("包裹迟迟没到", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_words_in_a_new_conversation_are_read_alone()
    {
        await using var bot = TestBot.Create(store);
        var reply = Assert.Single(await bot.SendAsync("要是一直没到呢"));
        Assert.Contains("包裹迟迟没到", reply.Text, StringComparison.Ordinal);
    }
}

public sealed class InMemoryFollowUpConversationTests() : FollowUpConversationTests(StoreKind.Memory);

public sealed class RedisFollowUpConversationTests() : FollowUpConversationTests(StoreKind.Redis);
