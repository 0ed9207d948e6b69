namespace ServiceBot.Knowledge.Search;

/// <summary>
/// Maps an unknown Latin word (already stemmed) to the closest known word of the knowledge base, within
/// one edit (two for long words), counting a swap of neighbours as one edit: "refnd" → "refund".
/// </summary>
internal sealed class SpellingCorrector(IReadOnlyCollection<string> vocabulary)
{
    private readonly string[] _words = vocabulary.Where(w => w.Length >= 3 && w.All(char.IsAsciiLetter)).ToArray();

    public string? Correct(string word)
    {
        if (word.Length < 4 || !word.All(char.IsAsciiLetter))
        {
            return null;
        }

        var limit = word.Length >= 8 ? 2 : 1;
        string? best = null;
        var bestDistance = limit + 1;
        foreach (var candidate in _words)
        {
            if (Math.Abs(candidate.Length - word.Length) > limit)
            {
                continue;
            }

            var distance = Distance(word, candidate, bestDistance);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return best;
    }

    /// <summary>Optimal string alignment distance, giving up once it exceeds <paramref name="cap"/>.</summary>
    internal static int Distance(string a, string b, int cap)
    {
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > cap)
            {
                return cap + 1;
            }

            (previous2, previous, current) = (previous, current, previous2);
        }

        return previous[b.Length];
    }
}
