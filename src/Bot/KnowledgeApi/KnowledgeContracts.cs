using ServiceBot.Bot.Answers;
using ServiceBot.Knowledge.Hosting;
using ServiceBot.Knowledge.Search;

namespace ServiceBot.Bot.KnowledgeApi;

/// <summary>Body of POST /api/kb/search, for questions too long for a URL.</summary>
public sealed record SearchRequest(string? Q, string? Lang, int? Top);

public sealed record AnswerDto(string Html, string Text, string Markdown);

public sealed record HitDto(string Id, string Question, double Confidence, AnswerDto Answer);

public sealed record ReplyDto(string Text, IReadOnlyList<Suggestion> Suggestions);

public sealed record SearchResponse(string Query, string Locale, string Outcome, IReadOnlyList<HitDto> Hits, ReplyDto Reply)
{
    public static SearchResponse From(KnowledgeReply reply)
    {
        var result = reply.Result;
        return new SearchResponse(
            result.Query,
            result.Locale,
            result.Outcome.ToString().ToLowerInvariant(),
            result.Hits.Select(ToDto).ToList(),
            new ReplyDto(reply.Text, reply.Suggestions));
    }

    private static HitDto ToDto(SearchHit hit) => new(
        hit.Entry.Id,
        hit.Entry.Question,
        Math.Round(hit.Confidence, 4),
        new AnswerDto(hit.Answer.Html, hit.Answer.Text, hit.Answer.Markdown));
}

public sealed record EntryDto(
    string Id,
    string Locale,
    string Question,
    IReadOnlyList<string> Alternates,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Followups,
    AnswerDto Answer,
    string Source);

public sealed record StatusDto(
    bool Ready,
    int Generation,
    DateTimeOffset? LoadedAt,
    IReadOnlyDictionary<string, int> EntriesPerLocale,
    DateTimeOffset? LastAttemptAt,
    bool LastAttemptSucceeded,
    int Errors,
    int Warnings,
    IReadOnlyList<string> Problems)
{
    /// <summary>Paths are shown relative to the knowledge folder <paramref name="root"/>: the server's layout is nobody's business.</summary>
    public static StatusDto From(KnowledgeStatus status, string root) => new(
        status.Ready,
        status.Generation,
        status.LoadedAt,
        status.EntriesPerLocale,
        status.LastAttemptAt,
        status.LastAttemptSucceeded,
        status.Problems.Count(p => p.Severity == Knowledge.Model.Severity.Error),
        status.Problems.Count(p => p.Severity == Knowledge.Model.Severity.Warning),
        status.Problems.Select(p => p.RelativeTo(root).ToString()).ToList());
}
