using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ServiceBot.Handoff.Queue;
using ServiceBot.Handoff.Redis;
using ServiceBot.Tests.Support;

namespace ServiceBot.Handoff.Tests.Queue;

/// <summary>
/// One instance of the queue on the test Redis, under a prefix of its own, with a fake clock the scripts read "now"
/// from, so expiry needs no sleeping. <see cref="OtherInstance"/> is a second service instance: its own connection,
/// the same prefix and clock. Admin commands are allowed, for INFO and KEYS.
/// </summary>
public sealed class QueueTestBed : IAsyncDisposable
{
    private readonly List<RedisConnection> _connections = [];

    public QueueTestBed(HandoffOptions? options = null, string? prefix = null, FakeTimeProvider? clock = null)
    {
        Options = options ?? new HandoffOptions();
        Prefix = prefix ?? TestRedis.UniquePrefix();
        Clock = clock ?? new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));
        Redis = new RedisConnection(new RedisOptions { ConnectionString = TestRedis.ConnectionString + ",allowAdmin=true", KeyPrefix = Prefix }, NullLogger<RedisConnection>.Instance);
        _connections.Add(Redis);
        Line = new WaitingLine(Redis, Options, Clock);
        Assignments = new Assignments(Redis, Options, Clock);
        Agents = new AgentRoster(Redis, Options, Clock);
        Sweep = new PresenceSweep(Redis, Options, Clock);
        Owners = new ConversationOwners(Redis);
    }

    public string Prefix { get; }

    public HandoffOptions Options { get; }

    public FakeTimeProvider Clock { get; }

    public RedisConnection Redis { get; }

    public WaitingLine Line { get; }

    public Assignments Assignments { get; }

    public AgentRoster Agents { get; }

    public PresenceSweep Sweep { get; }

    public ConversationOwners Owners { get; }

    public HandoffKeys Keys => Redis.Keys.Handoff;

    public QueueTestBed OtherInstance() => new(Options, Prefix, Clock);

    public static HandoffRequest Request(Skill skill = Skill.General, Priority priority = Priority.Other, string trigger = "asked") =>
        new(trigger, "I want a human", skill, priority, "zh-CN", "c-alice");

    public static string NewId() => "conv-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>
    /// Enqueues and checks it worked; returns the id. The clock then moves on a millisecond: the line orders by
    /// milliseconds, and two conversations of one millisecond are in either order.
    /// </summary>
    public async Task<string> EnqueueAsync(Skill skill = Skill.General, Priority priority = Priority.Other, string? id = null)
    {
        id ??= NewId();
        var result = await Line.EnqueueAsync(id, Request(skill, priority));
        Assert.Equal(HandoffOutcome.Ok, result.Outcome);
        Clock.Advance(TimeSpan.FromMilliseconds(1));
        return id;
    }

    /// <summary>Declares an agent and sends its first heartbeat.</summary>
    public async Task AgentAsync(string login, int capacity = 3, params Skill[] skills)
    {
        Assert.True((await Agents.DeclareAsync(new AgentProfile(login, skills, capacity))).IsOk);
        Assert.True((await Agents.HeartbeatAsync(login)).IsOk);
    }

    public async Task<string> ClaimAsync(string login)
    {
        var result = await Assignments.ClaimNextAsync(login);
        Assert.Equal(HandoffOutcome.Ok, result.Outcome);
        return result.ConversationId!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }
}
