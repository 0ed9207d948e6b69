namespace ServiceBot.Bot.Tests.Conversations;

/// <summary>Greetings and thanks get a short friendly reply with the top topics, never the knowledge base's fallback.</summary>
public sealed class SmallTalkTests
{
    [Theory]
    [InlineData("你好", "您好！我可以解答退款问题", "申请退款")]
    [InlineData("谢谢", "不客气", "申请退款")]
    [InlineData("好的，谢谢！", "不客气", "退款进度")]
    [InlineData("thanks a lot", "You are welcome", "Request a refund")]
    [InlineData("hi", "Hello! I can answer refund questions", "Request a refund")]
    [InlineData("你是机器人吗", "我是 ServiceBot 智能客服", "转人工")]
    [InlineData("are you a bot", "I am ServiceBot", "Request a refund")]
    public async Task Small_talk_is_answered_with_the_top_topics(string text, string expected, string action)
    {
        await using var bot = TestBot.Create(StoreKind.Memory);
        var reply = Assert.Single(await bot.SendAsync(text));
        Assert.Contains(expected, reply.Text, StringComparison.Ordinal);
        Assert.Contains(reply.SuggestedActions!.Actions, a => a.Title == action);
        Assert.DoesNotContain("没有找到答案", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("couldn't find", reply.Text, StringComparison.OrdinalIgnoreCase);
    }
}
