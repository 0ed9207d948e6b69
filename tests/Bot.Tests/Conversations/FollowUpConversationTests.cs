namespace ServiceBot.Bot.Tests.Conversations;

/// <summary>The conversation remembers the entry it answered, so "那要多久" is read as a follow-up of it.</summary>
public abstract class FollowUpConversationTests(StoreKind store)
{
    [Fact]
    public async Task A_follow_up_after_an_answer_is_answered_about_that_topic()
    {
        await using var bot = TestBot.Create(store);
        await bot.SendAsync("怎么申请平台介入");
        Assert.Equal("platform-intervention-how", (await bot.Store.PeekAsync(bot.ConversationId)).LastAnswer);

        var reply = Assert.Single(await bot.SendAsync("那要多久"));
        Assert.Contains("平台受理介入后", reply.Text, StringComparison.Ordinal); // platform-review-time
    }
}

public sealed class InMemoryFollowUpConversationTests() : FollowUpConversationTests(StoreKind.Memory);

public sealed class RedisFollowUpConversationTests() : FollowUpConversationTests(StoreKind.Redis);
