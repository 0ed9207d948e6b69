using System.Collections.Concurrent;
using ServiceBot.Handoff.Activities;

namespace ServiceBot.Bot.Tests.Conversations;

/// <summary>One turn at a time per conversation, in arrival order, against a real Redis.</summary>
public sealed class PipelineConcurrencyTests
{
    [Fact]
    public async Task Fifty_messages_sent_in_parallel_to_one_conversation_are_each_processed_once_in_order()
    {
        await using var bot = TestBot.Create(StoreKind.Redis);
        var messages = Enumerable.Range(0, 50).Select(i => bot.Message("退款多久到账", id: "p" + i)).ToList();
        var tasks = messages.Select(m => Task.Run(() => bot.Processor.ProcessAsync(m))).ToList();
        var replies = await Task.WhenAll(tasks);

        Assert.All(replies, r => Assert.Single(r));
        Assert.All(replies.Zip(messages), p => Assert.Equal(p.Second.Id, p.First[0].ReplyToId));

        var state = await ((ServiceBot.Bot.Conversations.IConversationStore)bot.Services.GetService(typeof(ServiceBot.Bot.Conversations.IConversationStore))!).PeekAsync(bot.ConversationId);
        Assert.Equal(50, state.Version); // every message committed exactly one turn, none lost

        // Turns ran one after another in the order Redis handed out tickets; the state remembers the processed
        // ids (all 50: they are within the redelivery window) in that same order as the replies' timestamps.
        var processedOrder = replies.OrderBy(r => r[0].Timestamp).Select(r => r[0].ReplyToId!).ToList();
        Assert.Equal(50, processedOrder.Distinct().Count());
        Assert.Equal(processedOrder, state.RecentMessages.Select(m => m.Id));
    }

    [Fact]
    public async Task Two_hundred_conversations_in_parallel_do_not_interfere()
    {
        await using var bot = TestBot.Create(StoreKind.Redis);
        var results = new ConcurrentBag<(int Conversation, string Reply)>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (n, cancellationToken) =>
        {
            var conversation = new ConversationAccount($"{bot.ConversationId}-{n}");
            var from = new ChannelAccount("c-alice");
            string[] script = ["我要退款", "202406180001", n % 2 == 0 ? "仅退款" : "退货退款"];
            IReadOnlyList<Activity> last = [];
            for (var t = 0; t < script.Length; t++)
            {
                last = await bot.Processor.ProcessAsync(new Activity { Id = $"{n}-{t}", Text = script[t], From = from, Conversation = conversation }, cancellationToken);
            }

            results.Add((n, last[^1].Text!));
        });

        Assert.Equal(200, results.Count);
        Assert.All(results, r => Assert.Contains("请选择退款原因", r.Reply, StringComparison.Ordinal));
    }
}
