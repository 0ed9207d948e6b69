using ServiceBot.Knowledge.Model;

namespace ServiceBot.Knowledge.Hosting;

/// <summary>What the reloading host serves now and what its last attempt found (for GET /api/kb/status).</summary>
public sealed record KnowledgeStatus(
    bool Ready,
    int Generation,
    DateTimeOffset? LoadedAt,
    IReadOnlyDictionary<string, int> EntriesPerLocale,
    DateTimeOffset? LastAttemptAt,
    bool LastAttemptSucceeded,
    IReadOnlyList<Problem> Problems);
