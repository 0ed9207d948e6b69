using ServiceBot.Knowledge.Search;

namespace ServiceBot.Knowledge.Evaluation;

/// <summary>A question the knowledge base got wrong: what was expected, what came first, and how sure it was.</summary>
public sealed record EvalMiss(EvalCase Case, string? TopId, SearchOutcome Outcome, double Confidence);

/// <summary>
/// Answer quality over an evaluation set. Top-1/top-3 count in-scope questions whose expected entry is the first
/// (or among the first three) candidates; out-of-scope questions are "declined" when the outcome is not Answer.
/// </summary>
public sealed record EvalReport(
    int InScope,
    int OutOfScope,
    int Top1,
    int Top3,
    int AnsweredCorrectly,
    int Declined,
    int DeclinedOutOfScope,
    IReadOnlyList<EvalMiss> Misses,
    IReadOnlyList<(CandidateFeatures Features, bool Correct)> CalibrationSamples)
{
    public double Top1Rate => Ratio(Top1, InScope);

    public double Top3Rate => Ratio(Top3, InScope);

    public double AnsweredRate => Ratio(AnsweredCorrectly, InScope);

    /// <summary>Share of out-of-scope questions declined (fallback or clarify): recall of declining.</summary>
    public double RejectRate => Ratio(DeclinedOutOfScope, OutOfScope);

    /// <summary>Share of declined questions that really were out of scope.</summary>
    public double RejectPrecision => Ratio(DeclinedOutOfScope, Declined);

    private static double Ratio(int part, int whole) => whole == 0 ? 1 : (double)part / whole;
}
