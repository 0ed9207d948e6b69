using ServiceBot.Knowledge.Search;

namespace ServiceBot.Knowledge.Evaluation;

/// <summary>A question the knowledge base did not answer right: what was expected, what came first, and how sure it was.</summary>
public sealed record EvalMiss(EvalCase Case, string? TopId, SearchOutcome Outcome, double Confidence)
{
    public static EvalMiss Of(EvalResult result) =>
        new(result.Case, result.Result.Top?.Entry.Id, result.Result.Outcome, result.Result.Top?.Confidence ?? 0);
}

/// <summary>
/// Answer quality over an evaluation set: every line's result, the help center's four figures overall, by language
/// and by style, and the older ranking figures (top-1/top-3: a right entry first, or among the first three).
/// </summary>
public sealed record EvalReport(IReadOnlyList<EvalResult> Results)
{
    public EvalTally Overall => EvalTally.Of("all", Results);

    public IReadOnlyList<EvalTally> ByLanguage => Grouped(r => r.Language);

    public IReadOnlyList<EvalTally> ByStyle => Grouped(r => r.Case.Style);

    public int InScope => Results.Count(r => r.Case.InScope);

    public int OutOfScope => Results.Count - InScope;

    public int Top1 => Results.Count(r => r.Case.IsRight(r.Result.Top?.Entry.Id));

    public int Top3 => Results.Count(r => r.Result.Hits.Any(h => r.Case.IsRight(h.Entry.Id)));

    public double Top1Rate => Ratio(Top1, InScope);

    public double Top3Rate => Ratio(Top3, InScope);

    public double AnsweredRate => Overall.AnsweredRightRate;

    /// <summary>Share of out-of-scope questions declined (fallback or clarify): recall of declining.</summary>
    public double RejectRate => Overall.DeclinedRate;

    /// <summary>Share of declined questions that really were out of scope.</summary>
    public double RejectPrecision => Ratio(Results.Count(r => !r.Case.InScope && r.Declined), Results.Count(r => r.Declined));

    /// <summary>In scope and not answered right, or out of scope and answered.</summary>
    public IReadOnlyList<EvalMiss> Misses =>
        [.. Results.Where(r => r.Case.InScope ? !r.AnsweredRight : r.ConfidentlyWrong).Select(EvalMiss.Of)];

    /// <summary>The top candidate's features and whether it was right, per line: what calibration is fitted on.</summary>
    public IReadOnlyList<(CandidateFeatures Features, bool Correct)> CalibrationSamples =>
        [.. Results.Select(r => (r.Result.Top?.Features ?? default, r.Case.IsRight(r.Result.Top?.Entry.Id)))];

    /// <summary>
    /// Expected calibration error of the top candidate's confidence: over ten equal bins of confidence, how far the
    /// share of right tops is from the mean confidence, weighted by the bin's size (0 = confidence means what it says).
    /// </summary>
    public double CalibrationError => ExpectedCalibrationError(Results.Where(r => r.Result.Top is not null)
        .Select(r => (r.Result.Top!.Confidence, r.Case.IsRight(r.Result.Top.Entry.Id))));

    public static double ExpectedCalibrationError(IEnumerable<(double Confidence, bool Right)> predictions)
    {
        var all = predictions.ToList();
        return all.Count == 0 ? 0 : all
            .GroupBy(t => Math.Clamp((int)(t.Confidence * 10), 0, 9))
            .Sum(bin => bin.Count() * Math.Abs(bin.Average(t => t.Right ? 1.0 : 0.0) - bin.Average(t => t.Confidence))) / all.Count;
    }

    private List<EvalTally> Grouped(Func<EvalResult, string> key) =>
        [.. Results.GroupBy(key).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => EvalTally.Of(g.Key, g))];

    private static double Ratio(int part, int whole) => whole == 0 ? 1 : (double)part / whole;
}
