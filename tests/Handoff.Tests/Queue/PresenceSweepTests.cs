using ServiceBot.Handoff.Queue;

namespace ServiceBot.Handoff.Tests.Queue;

public sealed class PresenceSweepTests : IAsyncDisposable
{
    private readonly QueueTestBed _bed = new(new HandoffOptions { PresenceTimeout = TimeSpan.FromSeconds(30), OfferTimeout = TimeSpan.FromSeconds(20) });

    public ValueTask DisposeAsync() => _bed.DisposeAsync();

    [Fact]
    public async Task An_offer_not_accepted_in_time_goes_back_to_the_front_of_its_band()
    {
        await _bed.AgentAsync("ann");
        var id = await _bed.EnqueueAsync(priority: Priority.Overdue);
        _bed.Clock.Advance(TimeSpan.FromSeconds(1));
        var sameBand = await _bed.EnqueueAsync(priority: Priority.Overdue);
        var higherBand = await _bed.EnqueueAsync(priority: Priority.Complaint);
        Assert.Equal("ann", (await _bed.Assignments.OfferAsync(id)).Agent);

        _bed.Clock.Advance(TimeSpan.FromSeconds(19));
        await _bed.Agents.HeartbeatAsync("ann");
        Assert.Empty((await _bed.Sweep.SweepAsync()).Changes);
        _bed.Clock.Advance(TimeSpan.FromSeconds(1));
        var swept = await _bed.Sweep.SweepAsync();

        Assert.Equal([new StatusChange(id, OwnerKind.Queued, null, "ann", 2)], swept.Changes);
        Assert.Equal([higherBand, id, sameBand], (await _bed.Line.ListAsync()).Select(e => e.ConversationId));
        Assert.Equal(0, (await _bed.Agents.HeartbeatAsync("ann")).Load); // the offer no longer holds a slot
        Assert.Empty((await _bed.Sweep.SweepAsync()).Changes);
    }

    [Fact]
    public async Task A_silent_agents_chats_and_offers_go_back_to_the_front_ahead_of_everyone_of_their_priority()
    {
        await _bed.AgentAsync("ann", capacity: 3);
        await _bed.AgentAsync("bob", capacity: 3);
        var first = await _bed.EnqueueAsync();
        var second = await _bed.EnqueueAsync(Skill.Refund);
        var offered = await _bed.EnqueueAsync();
        Assert.Equal(first, await _bed.ClaimAsync("ann"));
        Assert.Equal(second, await _bed.ClaimAsync("ann"));
        Assert.Equal("bob", (await _bed.Assignments.OfferAsync(offered)).Agent);
        Assert.True((await _bed.Assignments.TransferToAgentAsync("bob", offered, "ann")).Outcome == HandoffOutcome.NotOwner);
        Assert.True((await _bed.Assignments.AcceptAsync("bob", offered)).IsOk);
        Assert.True((await _bed.Assignments.TransferToAgentAsync("bob", offered, "ann")).IsOk);
        _bed.Clock.Advance(TimeSpan.FromSeconds(10));
        var waiting = await _bed.EnqueueAsync();

        _bed.Clock.Advance(TimeSpan.FromSeconds(25));
        await _bed.Agents.HeartbeatAsync("bob");
        var swept = await _bed.Sweep.SweepAsync();

        Assert.Equal(new HashSet<string> { first, second, offered }, swept.Changes.Select(c => c.ConversationId).ToHashSet());
        Assert.All(swept.Changes, c => Assert.Equal((OwnerKind.Queued, null, "ann"), (c.Kind, c.Agent, c.FromAgent)));
        var general = (await _bed.Line.ListAsync()).Where(e => e.Skill == Skill.General).Select(e => e.ConversationId).ToList();
        Assert.Equal(waiting, general[^1]);
        Assert.Equal(new HashSet<string> { first, offered }, general.Take(2).ToHashSet());
        Assert.Equal(OwnerKind.Queued, (await _bed.Owners.ReadAsync(second)).Kind);
        // ann is gone: no chats, no presence; its next claim starts afresh.
        Assert.Equal(0, (await _bed.Agents.HeartbeatAsync("ann")).Load);
    }

    [Fact]
    public async Task Sweeps_on_two_instances_at_once_put_each_chat_back_exactly_once()
    {
        await using var other = _bed.OtherInstance();
        for (var a = 0; a < 10; a++)
        {
            await _bed.AgentAsync($"agent{a}", capacity: 5);
        }

        for (var i = 0; i < 50; i++)
        {
            await _bed.EnqueueAsync();
        }

        for (var a = 0; a < 10; a++)
        {
            for (var c = 0; c < 5; c++)
            {
                await _bed.ClaimAsync($"agent{a}");
            }
        }

        _bed.Clock.Advance(TimeSpan.FromSeconds(31));
        var sweeps = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => (i % 2 == 0 ? _bed : other).Sweep.SweepAsync())));

        var changes = sweeps.SelectMany(s => s.Changes).ToList();
        Assert.Equal(50, changes.Count);
        Assert.Equal(50, changes.Select(c => c.ConversationId).Distinct().Count());
        Assert.Equal(50, (await _bed.Line.ListAsync()).Count);
        Assert.Empty((await other.Sweep.SweepAsync()).Changes);
    }

    [Fact]
    public async Task Sign_out_puts_the_agents_chats_back_at_once()
    {
        await _bed.AgentAsync("ann");
        var id = await _bed.EnqueueAsync();
        Assert.Equal(id, await _bed.ClaimAsync("ann"));

        var signedOut = await _bed.Agents.SignOutAsync("ann");

        Assert.Equal([new StatusChange(id, OwnerKind.Queued, null, "ann", 1)], signedOut.Changes);
        Assert.Equal(HandoffOutcome.NoAgentAvailable, (await _bed.Assignments.OfferAsync(id)).Outcome);
    }

    [Fact]
    public async Task The_sweep_drops_waiting_members_older_than_the_record_ttl()
    {
        await using var bed = new QueueTestBed(new HandoffOptions { OwnerTtl = TimeSpan.FromMinutes(10) });
        var old = await bed.EnqueueAsync(priority: Priority.Complaint);
        bed.Clock.Advance(TimeSpan.FromMinutes(6));
        var recent = await bed.EnqueueAsync(priority: Priority.Complaint);
        bed.Clock.Advance(TimeSpan.FromMinutes(5));

        await bed.Sweep.SweepAsync();

        var database = await bed.Redis.DatabaseAsync();
        Assert.Null(await database.SortedSetRankAsync(bed.Keys.Waiting("general"), old));
        Assert.Equal(0, await database.SortedSetRankAsync(bed.Keys.Waiting("general"), recent));
    }
}
