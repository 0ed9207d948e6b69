using System.Text.Json;
using ServiceBot.Handoff.Activities;
using ServiceBot.Bot.Conversations;
using ServiceBot.Bot.Dialogs;
using ServiceBot.Bot.Dialogs.Refund;

namespace ServiceBot.Bot.Tests.Conversations;

/// <summary>
/// Random message sequences (text, numbers, choices, cancels, attachments, emoji, 10 KB pastes, order numbers)
/// never throw, always get a reply, never leave a stack that names an unknown dialog, and state always round-trips.
/// </summary>
public sealed class PipelinePropertyTests
{
    private static readonly string[] Vocabulary =
    [
        "我要退款", "申请退款", "I want a refund", "202406180001", "202406150002", "202406200003", "202405200005", "202406100011",
        "12345", "1", "2", "3", "第二个", "②", "two", "仅退款", "退货退款", "质量问题", "尺寸不符", "其他", "七天无理由",
        "全额", "59.9", "59块9", "0", "-5", "1e9", "99999999", "完成", "跳过", "done", "确认", "提交", "修改", "退款金额", "是", "no",
        "取消", "算了", "帮助", "重新开始", "转人工", "退款进度", "退款还没到账", "填写退货物流", "申请平台介入", "接受方案",
        "退款多久到账", "怎么联系商家", "😀😀", "\u0000\u001b", "", "   ", "<script>alert(1)</script>", "AND OR ( * ~",
        "\ud800", "顺丰", "SF1234567890",
    ];

    [Theory]
    [InlineData(StoreKind.Memory, 1)]
    [InlineData(StoreKind.Memory, 2)]
    [InlineData(StoreKind.Memory, 3)]
    [InlineData(StoreKind.Redis, 4)]
    public async Task Random_conversations_never_break(StoreKind store, int seed)
    {
        var random = new Random(seed);
        await using var bot = TestBot.Create(store);
        var dialogs = bot.Services.GetService(typeof(DialogSet)) as DialogSet;
        var conversations = bot.Services.GetService(typeof(IConversationStore)) as IConversationStore;
        for (var turn = 0; turn < 300; turn++)
        {
            var (text, attachments) = RandomMessage(random);
            var replies = await bot.SendAsync(text, attachments);
            Assert.NotEmpty(replies);
            Assert.All(replies, r => Assert.True(r.Type == ActivityTypes.Message ? !string.IsNullOrWhiteSpace(r.Text) : r.Name?.StartsWith("handoff.", StringComparison.Ordinal) == true,
                $"an empty reply or an unknown event: {r.Type} {r.Name}"));
            Assert.DoesNotContain(replies, r => r.Text is { } text && (text.Contains("系统开小差", StringComparison.Ordinal) || text.Contains("went wrong", StringComparison.Ordinal)));

            var state = await conversations!.PeekAsync(bot.ConversationId);
            Assert.All(state.Stack, d => Assert.NotNull(dialogs!.Find(d.Id)));
            var json = JsonSerializer.Serialize(state, ConversationJsonContextAccess.Options);
            Assert.Equal(json, JsonSerializer.Serialize(JsonSerializer.Deserialize<ConversationState>(json, ConversationJsonContextAccess.Options), ConversationJsonContextAccess.Options));
        }
    }

    private static (string Text, IReadOnlyList<Attachment>? Attachments) RandomMessage(Random random) => random.Next(12) switch
    {
        0 => ("", TestBot.Images(random.Next(1, 8))),
        1 => ("", [new Attachment("application/zip", "https://files.example/x.zip", "x.zip", 10)]),
        2 => (new string((char)random.Next(0x4e00, 0x9fa5), 10 * 1024), null),
        3 => (new string(Enumerable.Range(0, random.Next(1, 40)).Select(_ => (char)random.Next(0x20, 0xffff)).ToArray()), null),
        4 => (random.Next(-1000, 100000).ToString(System.Globalization.CultureInfo.InvariantCulture), null),
        _ => (Vocabulary[random.Next(Vocabulary.Length)], null),
    };
}

/// <summary>Serializer options equivalent to the store's, for round-trip checks in tests.</summary>
internal static class ConversationJsonContextAccess
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
}
