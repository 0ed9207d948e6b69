namespace ServiceBot.Knowledge.Search;

/// <summary>
/// What the confidence model sees of one candidate: its similarity score, its margin over the best other
/// candidate, how much of the question (and of the matched phrasing) the match explains, and the weight of the
/// most telling question word the entry does not contain at all (0-1; an unknown word such as 发票 or coupon
/// weighs 1): the sign of a question about something else. Evidence is the absolute weight of what matched,
/// squashed to 0-1: a lone common word ("how", "退") matches fully yet says little.
/// </summary>
public readonly record struct CandidateFeatures(
    double Score, double Margin, double QueryCoverage, double PhrasingCoverage, double UnmatchedPeak, double Evidence);

/// <summary>A candidate entry from a locale index, before calibration.</summary>
internal sealed record RankedEntry(
    Model.KnowledgeEntry Entry, double Score, double QueryCoverage, double PhrasingCoverage, double UnmatchedPeak, double Evidence);
