using ServiceBot.Knowledge.Model;

namespace ServiceBot.Knowledge.Search;

/// <summary>What the bot should do with a question.</summary>
public enum SearchOutcome
{
    /// <summary>Confident: show the top entry's answer.</summary>
    Answer,

    /// <summary>Unsure between candidates: ask "did you mean …" with the top hits as choices.</summary>
    Clarify,

    /// <summary>Nothing fits: say so, offer to rephrase or to talk to a human.</summary>
    Fallback,
}

/// <summary>One candidate entry with its calibrated confidence (probability in [0,1] that it is the right one).</summary>
public sealed record SearchHit(KnowledgeEntry Entry, double Confidence, CandidateFeatures Features, RenderedAnswer Answer)
{
    public double Score => Features.Score;
}

public sealed record SearchResult(string Query, string Locale, SearchOutcome Outcome, IReadOnlyList<SearchHit> Hits)
{
    public SearchHit? Top => Hits.Count > 0 ? Hits[0] : null;
}

/// <summary>Confidence thresholds from configuration: ≥ Answer answers, ≥ Clarify asks, below falls back.</summary>
public sealed record SearchThresholds(double Answer = 0.65, double Clarify = 0.25)
{
    public SearchOutcome Decide(double confidence) =>
        confidence >= Answer ? SearchOutcome.Answer
        : confidence >= Clarify ? SearchOutcome.Clarify
        : SearchOutcome.Fallback;
}
