using System.Globalization;
using ServiceBot.Knowledge.Loading;
using ServiceBot.Knowledge.Model;

namespace ServiceBot.Knowledge.Search;

/// <summary>
/// Maps a candidate's features to the probability that it is the right answer: a logistic regression,
/// logistic(score·w1 + margin·w2 + query_coverage·w3 + phrasing_coverage·w4 + unmatched_peak·w5 + evidence·w6 + bias). The weights are fitted on
/// the development set by <c>kb eval --calibrate</c> and kept in knowledge/calibration.yaml, so that the two
/// thresholds in configuration keep one meaning: "at least this likely to be right".
/// </summary>
public sealed record ConfidenceModel(
    double ScoreWeight, double MarginWeight, double QueryCoverageWeight, double PhrasingCoverageWeight, double UnmatchedPeakWeight, double EvidenceWeight, double Bias)
{
    public const string FileName = "calibration.yaml";

    /// <summary>Used until a calibration file exists: about 0.5 for a candidate scoring 0.55 with no margin.</summary>
    public static ConfidenceModel Default { get; } = new(3, 4, 2.5, 2.5, -1.5, 3, -5);

    public double Confidence(CandidateFeatures f) =>
        1 / (1 + Math.Exp(-Logit(f, [ScoreWeight, MarginWeight, QueryCoverageWeight, PhrasingCoverageWeight, UnmatchedPeakWeight, EvidenceWeight, Bias])));

    /// <summary>Fits the weights by logistic regression (gradient descent, light L2) on (features, was it right).</summary>
    public static ConfidenceModel Fit(IReadOnlyList<(CandidateFeatures Features, bool Correct)> samples)
    {
        if (samples.Count == 0)
        {
            return Default;
        }

        double[] w = [Default.ScoreWeight, Default.MarginWeight, Default.QueryCoverageWeight, Default.PhrasingCoverageWeight, Default.UnmatchedPeakWeight, Default.EvidenceWeight, Default.Bias];
        const double rate = 0.5;
        const double l2 = 1e-3;
        var gradient = new double[w.Length];
        for (var iteration = 0; iteration < 30_000; iteration++)
        {
            Array.Clear(gradient);
            foreach (var (f, correct) in samples)
            {
                var error = (1 / (1 + Math.Exp(-Logit(f, w)))) - (correct ? 1 : 0);
                gradient[0] += error * f.Score;
                gradient[1] += error * f.Margin;
                gradient[2] += error * f.QueryCoverage;
                gradient[3] += error * f.PhrasingCoverage;
                gradient[4] += error * f.UnmatchedPeak;
                gradient[5] += error * f.Evidence;
                gradient[6] += error;
            }

            for (var i = 0; i < w.Length; i++)
            {
                var decay = i < w.Length - 1 ? l2 * w[i] : 0;
                w[i] -= rate * ((gradient[i] / samples.Count) + decay);
            }
        }

        return new ConfidenceModel(Math.Round(w[0], 3), Math.Round(w[1], 3), Math.Round(w[2], 3), Math.Round(w[3], 3), Math.Round(w[4], 3), Math.Round(w[5], 3), Math.Round(w[6], 3));
    }

    private static double Logit(CandidateFeatures f, double[] w) =>
        (f.Score * w[0]) + (f.Margin * w[1]) + (f.QueryCoverage * w[2]) + (f.PhrasingCoverage * w[3]) + (f.UnmatchedPeak * w[4]) + (f.Evidence * w[5]) + w[6];

    public string ToYaml() => string.Create(CultureInfo.InvariantCulture,
        $"""
        # Confidence that a candidate is the right answer =
        #   logistic(score*score_weight + margin*margin_weight + query_coverage*query_coverage_weight
        #            + phrasing_coverage*phrasing_coverage_weight + unmatched_peak*unmatched_peak_weight + evidence*evidence_weight + bias)
        # Fitted on the development set; regenerate after large changes with:
        #   dotnet run --project src/Bot -- kb eval --file tests/Knowledge.Tests/DevSet/dev.jsonl --calibrate
        score_weight: {ScoreWeight}
        margin_weight: {MarginWeight}
        query_coverage_weight: {QueryCoverageWeight}
        phrasing_coverage_weight: {PhrasingCoverageWeight}
        unmatched_peak_weight: {UnmatchedPeakWeight}
        evidence_weight: {EvidenceWeight}
        bias: {Bias}

        """);

    public static ConfidenceModel Parse(string displayPath, string yaml, ICollection<Problem> problems)
    {
        var (root, errorLine, error) = YamlNodes.ParseMapping(yaml);
        if (root is null)
        {
            problems.Add(new Problem(displayPath, Math.Max(errorLine, 1), Severity.Error, error!));
            return Default;
        }

        double Read(string key, double fallback)
        {
            var node = root.Children.FirstOrDefault(kv => YamlNodes.Scalar(kv.Key) == key).Value;
            if (node is null)
            {
                problems.Add(new Problem(displayPath, 1, Severity.Error, $"missing {key}"));
                return fallback;
            }

            if (!double.TryParse(YamlNodes.Scalar(node), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                problems.Add(new Problem(displayPath, YamlNodes.LineOf(node), Severity.Error, $"{key} must be a number"));
                return fallback;
            }

            return value;
        }

        return new ConfidenceModel(
            Read("score_weight", Default.ScoreWeight),
            Read("margin_weight", Default.MarginWeight),
            Read("query_coverage_weight", Default.QueryCoverageWeight),
            Read("phrasing_coverage_weight", Default.PhrasingCoverageWeight),
            Read("unmatched_peak_weight", Default.UnmatchedPeakWeight),
            Read("evidence_weight", Default.EvidenceWeight),
            Read("bias", Default.Bias));
    }
}
