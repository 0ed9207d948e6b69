namespace ServiceBot.Knowledge.Evaluation;

/// <summary>Runs an evaluation set through a knowledge base, as <c>kb eval</c> and the quality test do.</summary>
public static class KnowledgeEvaluator
{
    /// <summary>The choices a "did you mean" shows: the judgement of "right within one click" counts these.</summary>
    public const int Choices = 3;

    public static EvalReport Evaluate(KnowledgeBase knowledge, IReadOnlyList<EvalCase> cases, string? locale = null) =>
        new([.. cases.Select(c => new EvalResult(c, knowledge.Search(c.Question, locale, top: Choices)))]);
}
