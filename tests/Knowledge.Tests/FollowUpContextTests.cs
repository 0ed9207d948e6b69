using ServiceBot.Knowledge.Loading;
using ServiceBot.Knowledge.Search;
using ServiceBot.Knowledge.Tests.Specs;

namespace ServiceBot.Knowledge.Tests;

/// <summary>"那要多久" right after an answer means "how long does THAT take": it is read in the answer's context.</summary>
public sealed class FollowUpContextTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly KnowledgeBase _knowledge;

    public FollowUpContextTests()
    {
        _folder.Write("policy.yaml", "days: 3\n");
        _folder.Write("contrasts.yaml", "money-or-goods:\n  - words: [到账]\n    entries: [arrival-time, not-arrived]\n  - words: [收到货, 包裹]\n    entries: [parcel-missing]\n");
        Entry("intervene-how", "怎么申请平台介入？", ["平台介入在哪申请", "申请平台处理的入口"], "在退款详情点「申请平台介入」。", "intervene-time");
        Entry("intervene-time", "平台介入后多久出结果？", ["平台处理要几天", "介入审核时间"], "一般 {{policy.days}} 个工作日。");
        Entry("arrival-time", "退款多久到账？", ["退款几天到账", "钱多久能退回来"], "原路退回，1-7 个工作日。", "not-arrived");
        Entry("not-arrived", "退款成功了钱还没到账怎么办？", ["退款没到账", "显示退款成功但没收到钱"], "先查银行流水。");
        Entry("parcel-missing", "一直没收到货怎么办？", ["包裹一直没到", "快递没送到"], "先查物流。");
        var source = KnowledgeLoader.Load(_folder.Path);
        Assert.False(source.HasErrors, string.Join('\n', source.Problems));
        _knowledge = KnowledgeBase.Build(source);
    }

    public void Dispose()
    {
        _knowledge.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void A_follow_up_is_answered_in_the_previous_answers_context()
    {
        var alone = _knowledge.Search("那要多久", "zh-CN");
        var inContext = _knowledge.Search("那要多久", "zh-CN", previousEntryId: "intervene-how");

        Assert.Equal("intervene-time", inContext.Top!.Entry.Id);
        // Alone it cannot tell which wait is meant; in context it is surer of the right one (this folder's
        // confidence model is the default one, so the figure is compared, not the outcome).
        var aloneConfidence = alone.Hits.FirstOrDefault(h => h.Entry.Id == "intervene-time")?.Confidence ?? 0;
        Assert.True(inContext.Top.Confidence > aloneConfidence, $"{inContext.Top.Confidence} vs {aloneConfidence}");
        Assert.True(inContext.Outcome <= alone.Outcome, $"{inContext.Outcome} after {alone.Outcome}"); // Answer < Clarify < Fallback
    }

    [Fact]
    public void The_previous_answers_words_decide_a_contrast_and_its_followups_go_first()
    {
        // "要是一直没到呢" alone reads like the missing parcel; after "退款多久到账" it is the money that has not arrived.
        var alone = _knowledge.Search("要是一直没到呢", "zh-CN");
        var inContext = _knowledge.Search("要是一直没到呢", "zh-CN", previousEntryId: "arrival-time");
        Assert.Equal("parcel-missing", alone.Top!.Entry.Id);
        Assert.Equal("not-arrived", inContext.Top!.Entry.Id);
        Assert.DoesNotContain(inContext.Hits, h => h.Entry.Id == "arrival-time"); // a follow-up asks something new
    }

    [Fact]
    public void A_question_that_stands_alone_ignores_the_context()
    {
        var alone = _knowledge.Search("一直没收到货怎么办", "zh-CN");
        var after = _knowledge.Search("一直没收到货怎么办", "zh-CN", previousEntryId: "intervene-how");
        Assert.Equal(alone.Hits.Select(h => (h.Entry.Id, h.Confidence)), after.Hits.Select(h => (h.Entry.Id, h.Confidence)));
        Assert.Equal("parcel-missing", after.Top!.Entry.Id);
    }

    [Theory]
    [InlineData("那要多久", "zh-CN", true)]
    [InlineData("要是商家不同意呢", "zh-CN", true)]
    [InlineData("多久?", "zh-CN", true)]
    [InlineData("退款申请提交后商家多久处理", "zh-CN", false)]
    [InlineData("what if they refuse", "en", true)]
    [InlineData("and how long", "en", true)]
    [InlineData("how long does a refund take to arrive on a credit card", "en", false)]
    public void Tells_follow_ups_from_questions_that_stand_alone(string question, string locale, bool expected) =>
        Assert.Equal(expected, FollowUp.IsFollowUp(TextNormalizer.Fold(question), locale));

    private void Entry(string id, string question, string[] alternates, string body, string? followup = null) =>
        MiniKnowledge.Entry(_folder, "zh-CN", id, question, alternates, body, followup is null ? null : [followup]);
}
