namespace ServiceBot.Knowledge.Search;

/// <summary>
/// A weighted set of terms (term → weight) for one phrasing or one question. Terms carry a kind prefix
/// (w: word, g: bigram, u: unigram, s: sound bigram) so that one bag can hold every field's view of a text.
/// </summary>
internal sealed class TermBag
{
    public TermBag(Dictionary<string, float> weights)
    {
        Weights = weights;
        foreach (var weight in weights.Values)
        {
            Total += weight;
        }
    }

    public Dictionary<string, float> Weights { get; }

    public float Total { get; }

    /// <summary>Share of this bag's weight that <paramref name="other"/> also contains.</summary>
    public float CoveredBy(TermBag other) => Total <= 0 ? 0 : MatchedWeight(other) / Total;

    /// <summary>The weight of this bag's terms that <paramref name="other"/> also contains.</summary>
    public float MatchedWeight(TermBag other)
    {
        float matched = 0;
        foreach (var (term, weight) in Weights)
        {
            if (other.Weights.ContainsKey(term))
            {
                matched += weight;
            }
        }

        return matched;
    }
}
