using ServiceBot.Handoff.Redis;
using StackExchange.Redis;

namespace ServiceBot.Handoff.Queue;

/// <summary>
/// CSAT after an agent hands a conversation back: the survey opens with the handback and the customer's first answer
/// (1-5) closes it, stored with the agent it rates. An unanswered survey expires with the day.
/// </summary>
public sealed class SatisfactionSurveys(RedisConnection redis, HandoffOptions options, TimeProvider time)
{
    private const int ScoresKept = 1000;

    // KEYS: survey, satisfaction, scores. ARGV: score, now (ms), TTL (ms), scores kept.
    private const string RecordScript = """
        local agent = redis.call('GET', KEYS[1])
        if not agent then return false end
        redis.call('DEL', KEYS[1])
        redis.call('HSET', KEYS[2], 'score', ARGV[1], 'agent', agent, 'at', ARGV[2])
        redis.call('PEXPIRE', KEYS[2], ARGV[3])
        redis.call('LPUSH', KEYS[3], agent .. ' ' .. ARGV[1])
        redis.call('LTRIM', KEYS[3], 0, tonumber(ARGV[4]) - 1)
        return agent
        """;

    private readonly HandoffKeys _keys = redis.Keys.Handoff;

    public async Task OpenAsync(string conversationId, string agent, CancellationToken cancellationToken = default)
    {
        var database = await redis.DatabaseAsync();
        await database.StringSetAsync(_keys.Survey(conversationId), RedisKeys.RequireSafeId(agent, "agent login"), TimeSpan.FromDays(1)).WaitAsync(cancellationToken);
    }

    /// <summary>The agent rated, or null when no survey was open (nothing stored).</summary>
    public async Task<string?> RecordAsync(string conversationId, int score, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(score, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(score, 5);
        var database = await redis.DatabaseAsync();
        var agent = await database.ScriptEvaluateAsync(RecordScript, [_keys.Survey(conversationId), _keys.Satisfaction(conversationId), _keys.Scores],
            [score, time.GetUtcNow().ToUnixTimeMilliseconds(), (long)options.ResolutionTtl.TotalMilliseconds, ScoresKept]).WaitAsync(cancellationToken);
        return agent.IsNull ? null : (string?)agent;
    }

    /// <summary>The stored score of a conversation's last handback, or null.</summary>
    public async Task<int?> ScoreAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var database = await redis.DatabaseAsync();
        var score = await database.HashGetAsync(_keys.Satisfaction(conversationId), "score").WaitAsync(cancellationToken);
        return score.IsNull ? null : (int)score;
    }
}
