using ServiceBot.Handoff.Queue;
using StackExchange.Redis;

namespace ServiceBot.Handoff.Tests.Queue;

public sealed class AssignmentTests : IAsyncDisposable
{
    private readonly QueueTestBed _bed = new();

    public ValueTask DisposeAsync() => _bed.DisposeAsync();

    [Fact]
    public async Task Claim_takes_the_best_conversation_among_the_agents_skills_only()
    {
        var general = await _bed.EnqueueAsync(Skill.General, Priority.Complaint);
        _bed.Clock.Advance(TimeSpan.FromSeconds(1));
        var refundOld = await _bed.EnqueueAsync(Skill.Refund, Priority.Other);
        _bed.Clock.Advance(TimeSpan.FromSeconds(1));
        var logisticsOverdue = await _bed.EnqueueAsync(Skill.Logistics, Priority.Overdue);
        var refundNew = await _bed.EnqueueAsync(Skill.Refund, Priority.Other);
        await _bed.AgentAsync("ann", 10, Skill.Refund, Skill.Logistics);

        var claims = new List<string>();
        HandoffResult result;
        while ((result = await _bed.Assignments.ClaimNextAsync("ann")).IsOk)
        {
            claims.Add(result.ConversationId!);
            Assert.Equal([new StatusChange(result.ConversationId!, OwnerKind.Agent, "ann", null, 0)], result.Changes);
        }

        Assert.Equal([logisticsOverdue, refundOld, refundNew], claims);
        Assert.Equal((HandoffOutcome.Empty, 3L), (result.Outcome, result.Load));
        Assert.Equal(OwnerKind.Queued, (await _bed.Owners.ReadAsync(general)).Kind);
        Assert.Equal((OwnerKind.Agent, "ann"), ((await _bed.Owners.ReadAsync(refundNew)).Kind, (await _bed.Owners.ReadAsync(refundNew)).Agent));
    }

    [Fact]
    public async Task Claim_is_refused_at_capacity_and_by_an_unknown_agent()
    {
        await _bed.AgentAsync("ann", capacity: 2);
        for (var i = 0; i < 3; i++)
        {
            await _bed.EnqueueAsync();
        }

        await _bed.ClaimAsync("ann");
        var second = await _bed.Assignments.ClaimNextAsync("ann");
        var third = await _bed.Assignments.ClaimNextAsync("ann");

        Assert.Equal((HandoffOutcome.Ok, 2L), (second.Outcome, second.Load));
        Assert.Equal((HandoffOutcome.AtCapacity, 2L), (third.Outcome, third.Load));
        Assert.Empty(third.Changes);
        Assert.Single(await _bed.Line.ListAsync());
        Assert.Equal(HandoffOutcome.UnknownAgent, (await _bed.Assignments.ClaimNextAsync("nobody")).Outcome);
    }

    [Fact]
    public async Task Accept_takes_a_waiting_conversation_once_and_a_late_agent_hears_taken()
    {
        await _bed.AgentAsync("ann", 3, Skill.Refund);
        await _bed.AgentAsync("bob", 3, Skill.Refund);
        await _bed.AgentAsync("cat", 3, Skill.General);
        var id = await _bed.EnqueueAsync(Skill.Refund);

        Assert.Equal(HandoffOutcome.MissingSkill, (await _bed.Assignments.AcceptAsync("cat", id)).Outcome);
        var accepted = await _bed.Assignments.AcceptAsync("ann", id);
        var late = await _bed.Assignments.AcceptAsync("bob", id);
        var again = await _bed.Assignments.AcceptAsync("ann", id);

        Assert.Equal([new StatusChange(id, OwnerKind.Agent, "ann", null, 0)], accepted.Changes);
        Assert.Equal((HandoffOutcome.Taken, "ann"), (late.Outcome, late.Agent));
        Assert.Equal((HandoffOutcome.Ok, 1L), (again.Outcome, again.Load));
        Assert.Empty(again.Changes);
        Assert.Equal(HandoffOutcome.NotFound, (await _bed.Assignments.AcceptAsync("ann", QueueTestBed.NewId())).Outcome);
        Assert.Empty(await _bed.Line.ListAsync());
    }

    [Fact]
    public async Task Accept_of_a_waiting_conversation_respects_capacity()
    {
        await _bed.AgentAsync("ann", capacity: 1);
        await _bed.EnqueueAsync();
        await _bed.ClaimAsync("ann");
        var id = await _bed.EnqueueAsync();

        var refused = await _bed.Assignments.AcceptAsync("ann", id);

        Assert.Equal((HandoffOutcome.AtCapacity, 1L), (refused.Outcome, refused.Load));
        Assert.Equal(OwnerKind.Queued, (await _bed.Owners.ReadAsync(id)).Kind);
    }

    [Fact]
    public async Task Concurrent_accepts_of_one_conversation_give_it_to_exactly_one_agent()
    {
        var logins = Enumerable.Range(0, 20).Select(i => $"agent{i}").ToList();
        foreach (var login in logins)
        {
            await _bed.AgentAsync(login);
        }

        var id = await _bed.EnqueueAsync();
        var results = await Task.WhenAll(logins.Select(l => Task.Run(() => _bed.Assignments.AcceptAsync(l, id))));

        var winner = Assert.Single(results, r => r.IsOk);
        Assert.All(results.Where(r => !r.IsOk), r => Assert.Equal((HandoffOutcome.Taken, winner.Agent), (r.Outcome, r.Agent)));
        Assert.Equal(winner.Agent, (await _bed.Owners.ReadAsync(id)).Agent);
    }

    [Fact]
    public async Task An_offer_goes_to_the_least_loaded_online_agent_with_the_skill_and_room_and_counts_against_capacity()
    {
        await _bed.AgentAsync("ann", 2, Skill.Refund);
        await _bed.AgentAsync("bob", 2, Skill.Refund);
        await _bed.AgentAsync("cat", 5, Skill.General);
        await _bed.EnqueueAsync(Skill.Refund);
        await _bed.ClaimAsync("ann");
        var first = await _bed.EnqueueAsync(Skill.Refund);
        var second = await _bed.EnqueueAsync(Skill.Refund);
        var third = await _bed.EnqueueAsync(Skill.Refund);
        var fourth = await _bed.EnqueueAsync(Skill.Refund);

        var toBob = await _bed.Assignments.OfferAsync(first);
        var tie = await _bed.Assignments.OfferAsync(second);
        var toWhoeverHasRoom = await _bed.Assignments.OfferAsync(third);
        var none = await _bed.Assignments.OfferAsync(fourth);

        Assert.Equal(("bob", 1L), (toBob.Agent, toBob.Load));
        Assert.Equal([new StatusChange(first, OwnerKind.Offered, "bob", null, 0)], toBob.Changes);
        Assert.Equal(2, tie.Load);
        Assert.Equal(tie.Agent == "ann" ? "bob" : "ann", toWhoeverHasRoom.Agent);
        Assert.Equal(HandoffOutcome.NoAgentAvailable, none.Outcome);
        Assert.Equal(OwnerKind.Queued, (await _bed.Owners.ReadAsync(fourth)).Kind);
        Assert.Equal(HandoffOutcome.NotWaiting, (await _bed.Assignments.OfferAsync(first)).Outcome);
        Assert.Equal(HandoffOutcome.AtCapacity, (await _bed.Assignments.ClaimNextAsync("bob")).Outcome);
        Assert.Equal([fourth], (await _bed.Line.ListAsync()).Select(e => e.ConversationId));
    }

    [Fact]
    public async Task Only_the_offered_agent_accepts_an_offer_and_a_decline_puts_it_back_at_the_front()
    {
        await _bed.AgentAsync("ann");
        var id = await _bed.EnqueueAsync();
        _bed.Clock.Advance(TimeSpan.FromSeconds(1));
        var behind = await _bed.EnqueueAsync();
        Assert.Equal("ann", (await _bed.Assignments.OfferAsync(id)).Agent);
        await _bed.AgentAsync("bob");

        Assert.Equal(HandoffOutcome.Taken, (await _bed.Assignments.AcceptAsync("bob", id)).Outcome);
        Assert.Equal(HandoffOutcome.NotOwner, (await _bed.Assignments.DeclineAsync("bob", id)).Outcome);
        var declined = await _bed.Assignments.DeclineAsync("ann", id);
        Assert.Equal([new StatusChange(id, OwnerKind.Queued, null, "ann", 1)], declined.Changes);
        Assert.Equal(0, declined.Load);

        Assert.Equal("ann", (await _bed.Assignments.OfferAsync(id)).Agent);
        var accepted = await _bed.Assignments.AcceptAsync("ann", id);
        Assert.Equal([new StatusChange(id, OwnerKind.Agent, "ann", null, 0)], accepted.Changes);
        Assert.Equal(1, accepted.Load);
        Assert.Equal(behind, await _bed.ClaimAsync("bob"));
    }

    [Fact]
    public async Task Agents_act_only_on_conversations_they_own()
    {
        await _bed.AgentAsync("ann");
        await _bed.AgentAsync("bob");
        var id = await _bed.EnqueueAsync();
        var waiting = await _bed.EnqueueAsync();
        Assert.Equal(id, await _bed.ClaimAsync("ann"));
        var stranger = QueueTestBed.NewId();

        foreach (var (conversation, expected) in new[] { (id, HandoffOutcome.NotOwner), (waiting, HandoffOutcome.NotOwner), (stranger, HandoffOutcome.NotFound) })
        {
            Assert.Equal(expected, (await _bed.Assignments.ResolveAsync("bob", conversation, "solved", "")).Outcome);
            Assert.Equal(expected, (await _bed.Assignments.ReturnToBotAsync("bob", conversation)).Outcome);
            Assert.Equal(expected, (await _bed.Assignments.TransferToAgentAsync("bob", conversation, "bob")).Outcome);
            Assert.Equal(expected, (await _bed.Assignments.TransferToSkillAsync("bob", conversation, Skill.Refund)).Outcome);
        }

        Assert.Equal((OwnerKind.Agent, "ann"), ((await _bed.Owners.ReadAsync(id)).Kind, (await _bed.Owners.ReadAsync(id)).Agent));
        Assert.Equal(OwnerKind.Queued, (await _bed.Owners.ReadAsync(waiting)).Kind);
    }

    [Fact]
    public async Task Transfer_to_an_agent_respects_its_capacity_and_presence()
    {
        await _bed.AgentAsync("ann", 3);
        await _bed.AgentAsync("bob", 1);
        await _bed.Agents.DeclareAsync(new AgentProfile("cat", [], 3));
        var id = await _bed.EnqueueAsync();
        Assert.Equal(id, await _bed.ClaimAsync("ann"));

        Assert.Equal(HandoffOutcome.UnknownAgent, (await _bed.Assignments.TransferToAgentAsync("ann", id, "nobody")).Outcome);
        Assert.Equal(HandoffOutcome.AgentOffline, (await _bed.Assignments.TransferToAgentAsync("ann", id, "cat")).Outcome);
        var moved = await _bed.Assignments.TransferToAgentAsync("ann", id, "bob");
        var second = await _bed.EnqueueAsync();
        Assert.Equal(second, await _bed.ClaimAsync("ann"));
        var full = await _bed.Assignments.TransferToAgentAsync("ann", second, "bob");

        Assert.Equal(HandoffOutcome.Ok, moved.Outcome);
        Assert.Equal([new StatusChange(id, OwnerKind.Agent, "bob", "ann", 0)], moved.Changes);
        Assert.Equal(0, moved.Load);
        Assert.Equal((HandoffOutcome.AtCapacity, "bob", 1L), (full.Outcome, full.Agent, full.Load));
        Assert.Equal("bob", (await _bed.Owners.ReadAsync(id)).Agent);
        Assert.Equal(HandoffOutcome.NotOwner, (await _bed.Assignments.ResolveAsync("ann", id, "solved", "")).Outcome);
        Assert.True((await _bed.Assignments.ResolveAsync("bob", id, "solved", "")).IsOk);
    }

    [Fact]
    public async Task Transfer_to_a_skill_puts_it_at_the_front_of_that_line()
    {
        await _bed.AgentAsync("ann", 3, Skill.General);
        await _bed.AgentAsync("bob", 3, Skill.Logistics);
        var earlier = await _bed.EnqueueAsync(Skill.Logistics);
        var id = await _bed.EnqueueAsync(Skill.General);
        Assert.Equal(id, await _bed.ClaimAsync("ann"));
        _bed.Clock.Advance(TimeSpan.FromMinutes(1));

        var moved = await _bed.Assignments.TransferToSkillAsync("ann", id, Skill.Logistics);
        var owner = await _bed.Owners.ReadAsync(id);

        Assert.Equal([new StatusChange(id, OwnerKind.Queued, null, "ann", 1)], moved.Changes);
        Assert.Equal((OwnerKind.Queued, null, Skill.Logistics), (owner.Kind, owner.Agent, owner.Request!.Skill));
        Assert.Equal(HandoffOutcome.Empty, (await _bed.Assignments.ClaimNextAsync("ann")).Outcome);
        Assert.Equal(id, await _bed.ClaimAsync("bob"));
        Assert.Equal(earlier, await _bed.ClaimAsync("bob"));
    }

    [Fact]
    public async Task Return_to_bot_frees_the_agent_and_removes_the_record()
    {
        await _bed.AgentAsync("ann", capacity: 1);
        var id = await _bed.EnqueueAsync();
        Assert.Equal(id, await _bed.ClaimAsync("ann"));

        var returned = await _bed.Assignments.ReturnToBotAsync("ann", id);

        Assert.Equal([new StatusChange(id, OwnerKind.Bot, null, "ann", 0)], returned.Changes);
        Assert.Equal(0, returned.Load);
        Assert.True((await _bed.Owners.ReadAsync(id)).IsBot);
        Assert.False(await (await _bed.Redis.DatabaseAsync()).KeyExistsAsync(_bed.Keys.Owner(id)));
        Assert.Equal(HandoffOutcome.NotFound, (await _bed.Assignments.ReturnToBotAsync("ann", id)).Outcome);
        await _bed.EnqueueAsync(id: id);
        Assert.Equal(id, await _bed.ClaimAsync("ann"));
    }

    [Fact]
    public async Task Resolve_stores_disposition_and_note_records_the_handling_time_and_frees_the_agent()
    {
        await _bed.AgentAsync("ann", capacity: 1, Skill.Refund);
        var id = await _bed.EnqueueAsync(Skill.Refund);
        _bed.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(id, await _bed.ClaimAsync("ann"));
        _bed.Clock.Advance(TimeSpan.FromSeconds(90));

        var resolved = await _bed.Assignments.ResolveAsync("ann", id, "refund-approved", "customer was polite; refunded in full");

        var database = await _bed.Redis.DatabaseAsync();
        var resolution = (await database.HashGetAllAsync(_bed.Keys.Resolution(id))).ToDictionary(e => (string)e.Name!, e => (string)e.Value!);
        Assert.Equal([new StatusChange(id, OwnerKind.Bot, null, "ann", 0)], resolved.Changes);
        Assert.Equal(("ann", "refund-approved", "customer was polite; refunded in full", "90000", "refund"),
            (resolution["agent"], resolution["disposition"], resolution["note"], resolution["handled"], resolution["skill"]));
        Assert.Equal(["90000"], (await database.ListRangeAsync(_bed.Keys.HandlingTimes("refund"))).Select(v => (string)v!));
        // The bed's clock moves on a millisecond after each enqueue.
        Assert.Equal(["30001"], (await database.ListRangeAsync(_bed.Keys.WaitingTimes("refund"))).Select(v => (string)v!));
        Assert.True((await _bed.Owners.ReadAsync(id)).IsBot);
        Assert.Equal(HandoffOutcome.Empty, (await _bed.Assignments.ClaimNextAsync("ann")).Outcome);
    }

    [Fact]
    public async Task A_chat_whose_record_expired_no_longer_holds_a_slot()
    {
        await _bed.AgentAsync("ann", capacity: 1);
        var id = await _bed.EnqueueAsync();
        Assert.Equal(id, await _bed.ClaimAsync("ann"));
        await (await _bed.Redis.DatabaseAsync()).KeyDeleteAsync(_bed.Keys.Owner(id)); // as the TTL would
        var next = await _bed.EnqueueAsync();

        var claimed = await _bed.Assignments.ClaimNextAsync("ann");

        Assert.Equal((HandoffOutcome.Ok, next, 1L), (claimed.Outcome, claimed.ConversationId, claimed.Load));
        Assert.Equal([(RedisValue)next], await (await _bed.Redis.DatabaseAsync()).SetMembersAsync(_bed.Keys.Chats("ann")));
    }

    [Fact]
    public async Task Claim_skips_waiting_members_whose_record_expired()
    {
        await _bed.AgentAsync("ann");
        var gone = await _bed.EnqueueAsync();
        var live = await _bed.EnqueueAsync();
        await (await _bed.Redis.DatabaseAsync()).KeyDeleteAsync(_bed.Keys.Owner(gone));

        Assert.Equal(live, await _bed.ClaimAsync("ann"));
        Assert.Equal(0, await (await _bed.Redis.DatabaseAsync()).SortedSetLengthAsync(_bed.Keys.Waiting("general")));
    }
}
