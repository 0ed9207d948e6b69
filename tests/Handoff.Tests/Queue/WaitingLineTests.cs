using ServiceBot.Handoff.Queue;

namespace ServiceBot.Handoff.Tests.Queue;

public sealed class WaitingLineTests : IAsyncDisposable
{
    private readonly QueueTestBed _bed = new();

    public ValueTask DisposeAsync() => _bed.DisposeAsync();

    [Fact]
    public async Task A_conversation_without_a_record_belongs_to_the_bot()
    {
        var owner = await _bed.Owners.ReadAsync(QueueTestBed.NewId());

        Assert.True(owner.IsBot);
        Assert.Null(owner.Request);
    }

    [Fact]
    public async Task Enqueue_stores_the_record_and_returns_the_position()
    {
        var first = await _bed.EnqueueAsync();
        var id = QueueTestBed.NewId();
        var request = new HandoffRequest("complaint", "这是第三次了", Skill.Refund, Priority.Complaint, "zh-CN", "c-bob", Offline: true);

        var result = await _bed.Line.EnqueueAsync(id, request);
        var owner = await _bed.Owners.ReadAsync(id);

        Assert.Equal(HandoffOutcome.Ok, result.Outcome);
        Assert.Equal(1, result.Position);
        Assert.Equal([new StatusChange(id, OwnerKind.Queued, null, null, 1)], result.Changes);
        Assert.Equal(OwnerKind.Queued, owner.Kind);
        Assert.Equal(request, owner.Request);
        Assert.Equal(_bed.Clock.GetUtcNow().ToUnixTimeMilliseconds(), owner.Since);
        Assert.Equal(owner.Since, owner.QueuedAt);
        Assert.Equal(1, (await _bed.Line.EstimateAsync(first)).Position);
    }

    [Fact]
    public async Task Enqueue_is_idempotent_a_waiting_conversation_keeps_its_place_and_an_owned_one_is_left_alone()
    {
        var first = await _bed.EnqueueAsync();
        _bed.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await _bed.EnqueueAsync();

        var again = await _bed.Line.EnqueueAsync(first, QueueTestBed.Request(priority: Priority.Complaint));
        await _bed.AgentAsync("ann");
        Assert.Equal(first, await _bed.ClaimAsync("ann"));
        var owned = await _bed.Line.EnqueueAsync(first, QueueTestBed.Request());

        Assert.Equal((HandoffOutcome.Ok, 1L), (again.Outcome, again.Position));
        Assert.Empty(again.Changes);
        Assert.Equal((HandoffOutcome.Ok, "ann", 0L), (owned.Outcome, owned.Agent, owned.Position));
        Assert.Empty(owned.Changes);
        Assert.Equal(OwnerKind.Agent, (await _bed.Owners.ReadAsync(first)).Kind);
        Assert.Equal(1, (await _bed.Line.EstimateAsync(second)).Position);
        Assert.Single(await _bed.Line.ListAsync());
    }

    [Fact]
    public async Task The_list_is_ordered_by_priority_band_then_waiting_time_across_skills()
    {
        var other = await _bed.EnqueueAsync(Skill.General, Priority.Other);
        _bed.Clock.Advance(TimeSpan.FromSeconds(10));
        var overdue = await _bed.EnqueueAsync(Skill.Logistics, Priority.Overdue);
        _bed.Clock.Advance(TimeSpan.FromSeconds(10));
        var laterComplaint = await _bed.EnqueueAsync(Skill.General, Priority.Complaint);
        var complaint = await _bed.EnqueueAsync(Skill.Refund, Priority.Complaint);
        _bed.Clock.Advance(TimeSpan.FromSeconds(5));
        var intervention = await _bed.EnqueueAsync(Skill.Refund, Priority.Intervention);

        var list = await _bed.Line.ListAsync();

        Assert.Equal([laterComplaint, complaint, intervention, overdue, other], list.Select(e => e.ConversationId));
        Assert.Equal(new WaitingEntry(other, 25, "asked", Priority.Other, Skill.General, "zh-CN", 2, false), list[^1]);
        Assert.Equal(1, list.Single(e => e.ConversationId == laterComplaint).Position);
        Assert.Equal(2, list.Single(e => e.ConversationId == intervention).Position);
        Assert.Equal(2, (await _bed.Line.ListAsync(limit: 2)).Count);
    }

    [Fact]
    public async Task A_customer_who_stops_waiting_goes_back_to_the_bot_and_leaves_the_line()
    {
        var id = await _bed.EnqueueAsync();
        var behind = await _bed.EnqueueAsync();

        var cancelled = await _bed.Line.CancelAsync(id);
        var twice = await _bed.Line.CancelAsync(id);

        Assert.Equal(HandoffOutcome.Ok, cancelled.Outcome);
        Assert.Equal([new StatusChange(id, OwnerKind.Bot, null, null, 0)], cancelled.Changes);
        Assert.Equal(HandoffOutcome.NotFound, twice.Outcome);
        Assert.True((await _bed.Owners.ReadAsync(id)).IsBot);
        Assert.Equal(1, (await _bed.Line.EstimateAsync(behind)).Position);
    }

    [Fact]
    public async Task Cancelling_an_offered_conversation_withdraws_the_offer_and_one_an_agent_has_is_refused()
    {
        await _bed.AgentAsync("ann", capacity: 1);
        var offered = await _bed.EnqueueAsync();
        Assert.Equal("ann", (await _bed.Assignments.OfferAsync(offered)).Agent);

        var cancelled = await _bed.Line.CancelAsync(offered);
        var owned = await _bed.EnqueueAsync();
        Assert.Equal(owned, await _bed.ClaimAsync("ann"));
        var refused = await _bed.Line.CancelAsync(owned);

        Assert.Equal([new StatusChange(offered, OwnerKind.Bot, null, "ann", 0)], cancelled.Changes);
        Assert.Equal((HandoffOutcome.NotWaiting, "ann"), (refused.Outcome, refused.Agent));
        Assert.Equal(OwnerKind.Agent, (await _bed.Owners.ReadAsync(owned)).Kind);
    }

    [Fact]
    public async Task A_full_line_refuses_and_other_lines_still_take()
    {
        await using var bed = new QueueTestBed(new HandoffOptions { MaxWaiting = 2 });
        await bed.EnqueueAsync(Skill.Refund);
        await bed.EnqueueAsync(Skill.Refund);

        var full = await bed.Line.EnqueueAsync(QueueTestBed.NewId(), QueueTestBed.Request(Skill.Refund));

        Assert.Equal(HandoffOutcome.QueueFull, full.Outcome);
        Assert.Empty(full.Changes);
        await bed.EnqueueAsync(Skill.General);
    }

    [Fact]
    public async Task The_estimate_uses_recent_handling_times_and_the_capacity_online()
    {
        var waiting = await _bed.EnqueueAsync(Skill.Refund);
        Assert.Null((await _bed.Line.EstimateAsync(waiting)).Wait); // nobody online, nothing measured

        await _bed.AgentAsync("ann", capacity: 2, Skill.Refund);
        await _bed.AgentAsync("bob", capacity: 2, Skill.General);
        Assert.Equal(waiting, await _bed.ClaimAsync("ann"));
        _bed.Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.True((await _bed.Assignments.ResolveAsync("ann", waiting, "solved", "")).IsOk);
        await _bed.Agents.HeartbeatAsync("ann");
        await _bed.Agents.HeartbeatAsync("bob");
        var first = await _bed.EnqueueAsync(Skill.Refund);
        var second = await _bed.EnqueueAsync(Skill.Refund);

        var estimate = await _bed.Line.EstimateAsync(second);

        // Position 2 × 4 min handled ÷ 2 refund slots online (bob's general slots do not count).
        Assert.Equal(new WaitEstimate(OwnerKind.Queued, 2, TimeSpan.FromMinutes(4)), estimate);
        Assert.Equal(TimeSpan.FromMinutes(2), (await _bed.Line.EstimateAsync(first)).Wait);
        Assert.Equal(new WaitEstimate(OwnerKind.Bot, 0, null), await _bed.Line.EstimateAsync(waiting));
    }

    [Fact]
    public async Task A_second_instance_sees_and_changes_the_same_state()
    {
        await using var other = _bed.OtherInstance();
        var id = await _bed.EnqueueAsync(Skill.Logistics, Priority.Overdue);
        await other.AgentAsync("ann", 3, Skill.Logistics);
        await other.AgentAsync("bob", 3, Skill.Logistics);

        Assert.Equal(id, (await other.Line.ListAsync()).Single().ConversationId);
        Assert.Equal(id, await other.ClaimAsync("ann"));
        var owner = await _bed.Owners.ReadAsync(id);

        Assert.Equal((OwnerKind.Agent, "ann"), (owner.Kind, owner.Agent));
        Assert.Equal(HandoffOutcome.Taken, (await _bed.Assignments.AcceptAsync("bob", id)).Outcome);
        Assert.True((await _bed.Assignments.ReturnToBotAsync("ann", id)).IsOk);
        Assert.True((await other.Owners.ReadAsync(id)).IsBot);
    }
}
