using ServiceBot.Handoff.Redis;
using StackExchange.Redis;

namespace ServiceBot.Handoff.Queue;

/// <summary>
/// Puts back at the front what nobody is serving: the chats and offers of agents silent for PresenceTimeout, and
/// offers not accepted within OfferTimeout; drops waiting members whose record expired. Any instance may run it, as
/// often as it likes, even at the same moment as another: it is one script, and a second run finds nothing left.
/// </summary>
public sealed class PresenceSweep(RedisConnection redis, HandoffOptions options, TimeProvider time)
{
    private static readonly RedisValue[] SkillNames = [.. HandoffNames.AllSkills.Select(s => (RedisValue)s.Name())];

    private readonly HandoffScripts _scripts = new(redis, options, time);

    /// <summary>Returns the conversations it put back (FromAgent = who lost them), for the host to tell customers and consoles.</summary>
    public Task<HandoffResult> SweepAsync(CancellationToken cancellationToken = default) =>
        _scripts.RunAsync(HandoffLua.Sweep, [_scripts.Keys.Presence, _scripts.Keys.Offers], [_scripts.Options.SweepBatch, .. SkillNames], cancellationToken);
}
