using System.Globalization;
using ServiceBot.Handoff.Redis;
using StackExchange.Redis;

namespace ServiceBot.Handoff.Queue;

/// <summary>
/// The customer's side of the queue: wait for an agent, stop waiting, ask where one stands; and the list agents see.
/// One sorted set per skill, ordered by priority band, then (conversations put back at the front first) time.
/// </summary>
public sealed class WaitingLine(RedisConnection redis, HandoffOptions options, TimeProvider time)
{
    private static readonly RedisValue[] SkillNames = [.. HandoffNames.AllSkills.Select(s => (RedisValue)s.Name())];

    private readonly HandoffScripts _scripts = new(redis, options, time);

    /// <summary>
    /// Starts waiting. Idempotent: a conversation already waiting keeps its place (Ok, its position, no changes);
    /// one offered or owned is left alone (Ok, position 0, its agent, no changes). QueueFull when the line is full.
    /// </summary>
    public Task<HandoffResult> EnqueueAsync(string conversationId, HandoffRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var keys = _scripts.Keys;
        var evidence = request.Evidence.Length > HandoffRequest.MaxEvidenceLength ? request.Evidence[..HandoffRequest.MaxEvidenceLength] : request.Evidence;
        return _scripts.RunAsync(HandoffLua.Enqueue, [keys.Owner(conversationId), keys.Waiting(request.Skill.Name())],
        [
            conversationId, _scripts.Options.MaxWaiting, request.Trigger, evidence, request.Skill.Name(), (int)request.Priority,
            request.Language, request.CustomerId, request.Offline ? 1 : 0,
        ], cancellationToken);
    }

    /// <summary>The customer stops waiting (also withdraws an offer): back to the bot. NotWaiting when an agent has it.</summary>
    public Task<HandoffResult> CancelAsync(string conversationId, CancellationToken cancellationToken = default) =>
        _scripts.RunAsync(HandoffLua.Cancel, [_scripts.Keys.Owner(conversationId)], [conversationId], cancellationToken);

    /// <summary>
    /// Place in the skill's line and an estimate: position × mean recent handling time ÷ the capacity of the online
    /// agents with the skill (Little's law for a line served by that many slots); the mean recent wait when nothing
    /// was handled yet; null without online agents or any sample.
    /// </summary>
    public async Task<WaitEstimate> EstimateAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var found = (RedisResult[])(await _scripts.EvaluateAsync(HandoffLua.Position, [_scripts.Keys.Owner(conversationId)], [conversationId], cancellationToken))!;
        var kind = HandoffNames.ParseKind((string?)found[0]);
        var (position, handlingSum, handled, waitingSum, waited, slots) =
            ((long)found[1], (double)found[2], (long)found[3], (double)found[4], (long)found[5], (long)found[6]);
        TimeSpan? wait = kind != OwnerKind.Queued || slots == 0 ? null
            : handled > 0 ? TimeSpan.FromMilliseconds(position * (handlingSum / handled) / slots)
            : waited > 0 ? TimeSpan.FromMilliseconds(waitingSum / waited)
            : null;
        return new WaitEstimate(kind, position, wait);
    }

    /// <summary>Waiting conversations, best first across the skills (as a claim would take them), at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<WaitingEntry>> ListAsync(int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var found = (RedisResult[])(await _scripts.EvaluateAsync(HandoffLua.List, [_scripts.Keys.Waiting(SkillNames[0]!)],
            [limit, .. SkillNames], cancellationToken))!;
        var now = _scripts.Now;
        return found.Select(r => (RedisResult[])r!)
            .Select(f => (Score: double.Parse((string)f[1]!, CultureInfo.InvariantCulture), Entry: new WaitingEntry(
                (string)f[0]!, Math.Max(0, (now - long.Parse((string)f[3]!, CultureInfo.InvariantCulture)) / 1000), (string)f[4]!,
                (Priority)int.Parse((string)f[5]!, CultureInfo.InvariantCulture), HandoffNames.ParseSkill((string)f[8]!), (string)f[6]!,
                (long)f[2], (string?)f[7] == "1")))
            .OrderBy(e => e.Score)
            .Take(limit)
            .Select(e => e.Entry)
            .ToList();
    }
}
