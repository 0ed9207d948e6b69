namespace ServiceBot.Bench;

internal static class Percentiles
{
    /// <summary>The p-th percentile (0-100) of already measured values, nearest-rank.</summary>
    public static double Of(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        values.Sort();
        var rank = (int)Math.Ceiling(p / 100 * values.Count) - 1;
        return values[Math.Clamp(rank, 0, values.Count - 1)];
    }
}
