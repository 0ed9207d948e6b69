using System.Collections.Concurrent;
using ServiceBot.Handoff.Queue;

namespace ServiceBot.Handoff.Tests.Queue;

[Collection(QueueLoadSuite.Name)]
public sealed class ConcurrencyTests : IAsyncDisposable
{
    private const int Conversations = 10_000;
    private const int AgentCount = 50;

    private readonly QueueTestBed _bed = new();

    public ValueTask DisposeAsync() => _bed.DisposeAsync();

    /// <summary>Agent i's skills: every fifth has all, the others one each, so every line has agents.</summary>
    private static Skill[] SkillsOf(int agent) => agent % 5 == 0 ? [] : [HandoffNames.AllSkills[agent % 3]];

    [Fact]
    public async Task Fifty_agents_claiming_and_resolving_assign_every_conversation_once_in_order_within_capacity()
    {
        var enqueued = await EnqueueMixedAsync();
        for (var a = 0; a < AgentCount; a++)
        {
            await _bed.AgentAsync($"agent{a}", capacity: 2, SkillsOf(a));
        }

        var claims = new ConcurrentDictionary<int, List<string>>();
        var failures = new ConcurrentQueue<string>();
        await Task.WhenAll(Enumerable.Range(0, AgentCount).Select(a => Task.Run(async () =>
        {
            var login = $"agent{a}";
            var mine = claims[a] = [];
            while (true)
            {
                var claim = await _bed.Assignments.ClaimNextAsync(login);
                if (claim.Outcome == HandoffOutcome.Empty)
                {
                    return;
                }

                if (!claim.IsOk || claim.Load > 2)
                {
                    failures.Enqueue($"{login}: {claim}");
                    return;
                }

                mine.Add(claim.ConversationId!);
                var resolved = await _bed.Assignments.ResolveAsync(login, claim.ConversationId!, "solved", "");
                if (!resolved.IsOk || resolved.Load != 0)
                {
                    failures.Enqueue($"{login}: {resolved}");
                }
            }
        })));

        Assert.Empty(failures);
        var all = claims.Values.SelectMany(c => c).ToList();
        Assert.Equal(Conversations, all.Count);
        Assert.Equal(enqueued.Keys.Order(StringComparer.Ordinal), all.Order(StringComparer.Ordinal));
        foreach (var (agent, mine) in claims)
        {
            var skills = SkillsOf(agent) is { Length: > 0 } s ? s : [.. HandoffNames.AllSkills];
            Assert.All(mine, id => Assert.Contains(enqueued[id].Skill, skills));
            var order = mine.Select(id => (Band: (int)enqueued[id].Priority, enqueued[id].At)).ToList();
            Assert.Equal(order.OrderBy(o => o.Band).ThenBy(o => o.At), order);
        }
    }

    [Fact]
    public async Task Capacity_holds_while_agents_claim_accept_offers_and_resolve_at_once()
    {
        var enqueued = await EnqueueMixedAsync();
        const int capacity = 3;
        for (var a = 0; a < AgentCount; a++)
        {
            await _bed.AgentAsync($"agent{a}", capacity, SkillsOf(a));
        }

        var failures = new ConcurrentQueue<string>();
        var offeredTo = new ConcurrentDictionary<string, ConcurrentQueue<string>>();
        void Check(HandoffResult result, string what)
        {
            if (result.Load > capacity)
            {
                failures.Enqueue($"{what}: {result}");
            }
        }

        var ids = enqueued.Keys.ToArray();
        var offerers = Enumerable.Range(0, 10).Select(o => Task.Run(async () =>
        {
            for (var i = o; i < ids.Length; i += 40)
            {
                var offer = await _bed.Assignments.OfferAsync(ids[i]);
                Check(offer, "offer");
                if (offer.IsOk)
                {
                    offeredTo.GetOrAdd(offer.Agent!, _ => new()).Enqueue(ids[i]);
                }
            }
        }));
        var agents = Enumerable.Range(0, AgentCount).Select(a => Task.Run(async () =>
        {
            var login = $"agent{a}";
            var random = new Random(a);
            var held = new List<string>();
            for (var step = 0; step < 150; step++)
            {
                if (offeredTo.TryGetValue(login, out var inbox) && inbox.TryDequeue(out var offered))
                {
                    var accepted = await _bed.Assignments.AcceptAsync(login, offered);
                    Check(accepted, "accept");
                    if (accepted.IsOk)
                    {
                        held.Add(offered);
                    }
                }
                else if (held.Count > 0 && random.Next(3) == 0)
                {
                    var id = held[random.Next(held.Count)];
                    held.Remove(id);
                    var resolved = await _bed.Assignments.ResolveAsync(login, id, "solved", "");
                    Check(resolved, "resolve");
                    if (!resolved.IsOk)
                    {
                        failures.Enqueue($"resolve {login}: {resolved}");
                    }
                }
                else
                {
                    var claim = await _bed.Assignments.ClaimNextAsync(login);
                    Check(claim, "claim");
                    if (claim.IsOk)
                    {
                        held.Add(claim.ConversationId!);
                    }
                    else if (claim.Outcome != HandoffOutcome.AtCapacity && claim.Outcome != HandoffOutcome.Empty)
                    {
                        failures.Enqueue($"claim {login}: {claim}");
                    }
                }
            }
        }));
        await Task.WhenAll([.. offerers, .. agents]);

        Assert.Empty(failures);
        await AssertOwnershipInvariantAsync(capacity);
    }

    /// <summary>Each chat is in exactly one agent's set, that agent is its record's agent, and no set exceeds capacity.</summary>
    private async Task AssertOwnershipInvariantAsync(int capacity)
    {
        var database = await _bed.Redis.DatabaseAsync();
        var holders = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var a = 0; a < AgentCount; a++)
        {
            var login = $"agent{a}";
            var chats = await database.SetMembersAsync(_bed.Keys.Chats(login));
            Assert.True(chats.Length <= capacity, $"{login} holds {chats.Length}");
            foreach (var chat in chats)
            {
                Assert.True(holders.TryAdd((string)chat!, login), $"{chat} is held by {login} and {holders.GetValueOrDefault((string)chat!)}");
                var owner = await _bed.Owners.ReadAsync((string)chat!);
                Assert.Equal(login, owner.Agent);
                Assert.Contains(owner.Kind, new[] { OwnerKind.Agent, OwnerKind.Offered });
            }
        }
    }

    /// <summary>10,000 conversations, one millisecond apart, priorities and skills mixed.</summary>
    private async Task<Dictionary<string, (Skill Skill, Priority Priority, long At)>> EnqueueMixedAsync()
    {
        var random = new Random(7);
        var enqueued = new Dictionary<string, (Skill, Priority, long)>(StringComparer.Ordinal);
        for (var i = 0; i < Conversations; i++)
        {
            var (skill, priority) = (HandoffNames.AllSkills[random.Next(3)], (Priority)random.Next(4));
            var id = await _bed.EnqueueAsync(skill, priority, $"conv-{i}");
            enqueued[id] = (skill, priority, _bed.Clock.GetUtcNow().ToUnixTimeMilliseconds());
            _bed.Clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        return enqueued;
    }
}
