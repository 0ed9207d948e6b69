using ServiceBot.Knowledge.Evaluation;
using ServiceBot.Knowledge.Loading;
using ServiceBot.Knowledge.Search;
using ServiceBot.Knowledge.Tests.Specs;

namespace ServiceBot.Knowledge.Tests;

public sealed class EvalReportTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly KnowledgeBase _knowledge;

    public EvalReportTests()
    {
        MiniKnowledge.WriteTo(_folder);
        _knowledge = KnowledgeBase.Build(KnowledgeLoader.Load(_folder.Path));
    }

    public void Dispose()
    {
        _knowledge.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void An_answer_with_an_entry_listed_in_also_is_right()
    {
        var result = Judge(new EvalCase("退款多久能到账", "hotline", Also: ["arrival"]));
        Assert.Equal(SearchOutcome.Answer, result.Result.Outcome);
        Assert.True(result.AnsweredRight);
        Assert.True(result.WithinOneClick);
        Assert.False(result.ConfidentlyWrong);
    }

    [Fact]
    public void An_answer_with_another_entry_is_confidently_wrong_and_so_is_answering_out_of_scope()
    {
        var wrong = Judge(new EvalCase("退款多久能到账", "hotline"));
        var outOfScope = Judge(new EvalCase("退款多久能到账", EvalCase.None));
        Assert.True(wrong.ConfidentlyWrong);
        Assert.False(wrong.WithinOneClick);
        Assert.True(outOfScope.ConfidentlyWrong);
        Assert.False(outOfScope.Declined);
    }

    [Fact]
    public void Figures_count_confidently_wrong_over_all_lines_and_group_by_language_and_style()
    {
        var report = KnowledgeEvaluator.Evaluate(_knowledge,
        [
            new EvalCase("退款多久能到账", "arrival", Lang: "zh", StyleName: "terse"),
            new EvalCase("退款多久能到账", "hotline", Lang: "zh", StyleName: "terse"),
            new EvalCase("how long does a refund take to arrive", "arrival", Kind: "plain"),
            new EvalCase("汽车保险怎么买", EvalCase.None, Lang: "zh", StyleName: "oos"),
        ]);

        var all = report.Overall;
        Assert.Equal((4, 3, 1), (all.Lines, all.InScope, all.OutOfScope));
        Assert.Equal(2, all.AnsweredRight);
        Assert.Equal(0.25, all.ConfidentlyWrongRate);
        Assert.Equal(["en", "zh"], report.ByLanguage.Select(t => t.Group));
        Assert.Equal(["oos", "plain", "terse"], report.ByStyle.Select(t => t.Group));
        Assert.Equal(0.5, report.ByStyle.Single(t => t.Group == "terse").AnsweredRightRate);
        Assert.Equal(1.0, report.ByStyle.Single(t => t.Group == "oos").DeclinedRate);
        Assert.Single(report.Misses, m => m.Case.Expect == "hotline");
    }

    private EvalResult Judge(EvalCase item) => KnowledgeEvaluator.Evaluate(_knowledge, [item]).Results.Single();
}
