using ServiceBot.Knowledge.Loading;
using ServiceBot.Knowledge.Model;
using ServiceBot.Knowledge.Search;
using ServiceBot.Knowledge.Tests.Specs;

namespace ServiceBot.Knowledge.Tests;

public sealed class SearchBehaviourTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly KnowledgeBase _knowledge;

    public SearchBehaviourTests()
    {
        MiniKnowledge.WriteTo(_folder);
        var source = KnowledgeLoader.Load(_folder.Path);
        Assert.False(source.HasErrors, string.Join('\n', source.Problems));
        _knowledge = KnowledgeBase.Build(source);
    }

    public void Dispose()
    {
        _knowledge.Dispose();
        _folder.Dispose();
    }

    [Theory]
    [InlineData("退款多久能到账", "arrival")]
    [InlineData("退钱几天能到", "arrival")]              // synonym 退钱 → 退款
    [InlineData("退宽多久到帐", "arrival")]              // homophone slips 宽/款, 帐/账
    [InlineData("退款多久能到賬？", "arrival")]           // traditional characters
    [InlineData("ＲＥＦＵＮＤ多久到账", "arrival")]       // full-width Latin mixed into Chinese
    [InlineData("我的refund几天到", "arrival")]           // mixed zh/en through the synonym list
    [InlineData("店家怎么联系", "contact-seller")]
    [InlineData("客服热线", "hotline")]
    [InlineData("when do i get my money back", "arrival")]
    [InlineData("how long for my refnd to arrive", "arrival")] // English typo
    [InlineData("how can I message the merchant", "contact-seller")]
    [InlineData("customer servise phone", "hotline")]
    public void Finds_the_entry_for_real_phrasing(string question, string expected)
    {
        var result = _knowledge.Search(question);
        Assert.Equal(expected, result.Top?.Entry.Id);
    }

    [Theory]
    [InlineData("我要联系的是客服，不是商家", "zh-CN", "hotline")]
    [InlineData("call customer service, not the seller", "en", "hotline")]
    public void What_the_customer_says_they_do_not_mean_is_no_evidence_for_it(string question, string locale, string expected)
    {
        var result = _knowledge.Search(question, locale);
        Assert.Equal(expected, result.Top?.Entry.Id);
        Assert.DoesNotContain(result.Hits, h => h.Entry.Id == "contact-seller" && h.Confidence >= result.Top!.Confidence);
    }

    [Theory]
    [InlineData("退款是不是原路退回", "zh-CN")] // 是不是 asks: nothing is taken out
    public void A_question_form_is_not_a_negation(string question, string locale) =>
        Assert.Equal(TextNormalizer.Fold(question), NegatedMentions.Remove(TextNormalizer.Fold(question), locale));

    [Theory]
    [InlineData("什么垃圾，退款到底多久能到账！！", "退款多久能到账")]
    [InlineData("怎么联系商家，真的无语了", "怎么联系商家")]
    public void Venting_words_do_not_count_against_the_question(string angry, string calm)
    {
        // An unknown word weighs most (it usually means a topic we lack); 垃圾 or 无语 say how the customer feels.
        var angryResult = _knowledge.Search(angry, "zh-CN");
        var calmResult = _knowledge.Search(calm, "zh-CN");
        Assert.Equal(calmResult.Top!.Entry.Id, angryResult.Top!.Entry.Id);
        Assert.Equal(calmResult.Top.Features.UnmatchedPeak, angryResult.Top.Features.UnmatchedPeak, 3);
        Assert.True(angryResult.Top.Confidence >= 0.9 * calmResult.Top.Confidence, $"{angryResult.Top.Confidence:0.000} vs {calmResult.Top.Confidence:0.000}");
    }

    [Theory]
    [InlineData("退款多久到账", "zh-CN")]
    [InlineData("我的order怎么退", "zh-CN")]
    [InlineData("退款多久到賬", "zh-CN")]
    [InlineData("how long does a refund take", "en")]
    public void Detects_the_language_per_question(string question, string locale) =>
        Assert.Equal(locale, _knowledge.Search(question).Locale);

    [Fact]
    public void A_forced_language_wins_over_detection() =>
        Assert.Equal(Locales.English, _knowledge.Search("退款", Locales.English).Locale);

    [Fact]
    public void Answers_carry_policy_values_and_all_three_renderings()
    {
        var hit = _knowledge.Search("退款多久能到账？").Top!;
        Assert.Equal("退款一般 7 天内原路到账。", hit.Answer.Text);
        Assert.Equal("<p>退款一般 7 天内原路到账。</p>", hit.Answer.Html);
        Assert.Contains("7", hit.Answer.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void An_exact_question_is_answered_with_high_confidence()
    {
        var result = _knowledge.Search("客服电话是多少？");
        Assert.Equal(SearchOutcome.Answer, result.Outcome);
        Assert.True(result.Top!.Confidence > 0.8, $"confidence {result.Top.Confidence}");
    }

    [Fact]
    public void Hits_are_ordered_by_confidence()
    {
        var hits = _knowledge.Search("商家 客服 电话", top: 3).Hits;
        Assert.True(hits.Count >= 2);
        Assert.True(hits.Zip(hits.Skip(1)).All(p => p.First.Confidence >= p.Second.Confidence));
    }

    [Fact]
    public void Thresholds_decide_the_outcome()
    {
        var thresholds = new SearchThresholds(Answer: 0.7, Clarify: 0.3);
        Assert.Equal(SearchOutcome.Answer, thresholds.Decide(0.7));
        Assert.Equal(SearchOutcome.Clarify, thresholds.Decide(0.5));
        Assert.Equal(SearchOutcome.Fallback, thresholds.Decide(0.29));
    }
}
