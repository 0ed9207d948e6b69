using ServiceBot.Bot.Refunds;

namespace ServiceBot.Bot.Tests.Refunds;

public sealed class RefundStateMachineTests
{
    private static readonly DateTimeOffset At = RefundTestData.Now.AddHours(1);

    public static TheoryData<int> LegalTransitions() => new(Enumerable.Range(0, RefundStateMachine.Transitions.Count));

    [Theory]
    [MemberData(nameof(LegalTransitions))]
    public void Every_legal_transition_moves_and_appends_history(int index)
    {
        var t = RefundStateMachine.Transitions[index];
        var request = RefundTestData.Request(state: t.From, type: t.OnlyFor ?? RefundType.RefundOnly);

        var moved = RefundStateMachine.Move(request, t.To, t.Actor, At, "why");

        Assert.Equal(t.To, moved.State);
        Assert.Equal(At, moved.UpdatedAt);
        Assert.Equal(request.History.Count + 1, moved.History.Count);
        Assert.Equal(new RefundHistoryEntry(At, t.Actor, t.From, t.To, "why"), moved.History[^1]);
        Assert.Equal(request.History, moved.History.Take(request.History.Count));
    }

    [Fact]
    public void Every_move_outside_the_table_is_refused_with_a_message_and_changes_nothing()
    {
        var refused = 0;
        foreach (var type in Enum.GetValues<RefundType>())
        {
            foreach (var from in Enum.GetValues<RefundState>())
            {
                foreach (var to in Enum.GetValues<RefundState>())
                {
                    foreach (var actor in Enum.GetValues<RefundActor>())
                    {
                        var legal = RefundStateMachine.Transitions.Any(t => t.From == from && t.To == to && t.Actor == actor && (t.OnlyFor ?? type) == type);
                        var request = RefundTestData.Request(state: from, type: type);
                        Assert.Equal(legal, RefundStateMachine.CanMove(request, to, actor));
                        if (legal)
                        {
                            continue;
                        }

                        var e = Assert.Throws<RefundTransitionException>(() => RefundStateMachine.Move(request, to, actor, At));
                        Assert.Contains(request.Id, e.Message, StringComparison.Ordinal);
                        Assert.Contains(from.ToString(), e.Message, StringComparison.Ordinal);
                        Assert.Contains(to.ToString(), e.Message, StringComparison.Ordinal);
                        Assert.Equal((from, to), (e.From, e.To));
                        refused++;
                    }
                }
            }
        }

        Assert.True(refused > 1000);
    }

    [Fact]
    public void Messages_say_which_rule_refused()
    {
        var submitted = RefundTestData.Request();
        Assert.Equal("Refund request R20240620000001 is Submitted; it cannot move to Refunded.",
            Assert.Throws<RefundTransitionException>(() => RefundStateMachine.Move(submitted, RefundState.Refunded, RefundActor.Platform, At)).Message);
        Assert.Equal("The customer may not move refund request R20240620000001 from Submitted to MerchantAgreed.",
            Assert.Throws<RefundTransitionException>(() => RefundStateMachine.Move(submitted, RefundState.MerchantAgreed, RefundActor.Customer, At)).Message);
        var agreed = RefundTestData.Request(state: RefundState.MerchantAgreed, type: RefundType.RefundOnly);
        Assert.Equal("Refund request R20240620000001 is a RefundOnly request; it cannot move from MerchantAgreed to AwaitingReturn.",
            Assert.Throws<RefundTransitionException>(() => RefundStateMachine.Move(agreed, RefundState.AwaitingReturn, RefundActor.System, At)).Message);
    }

    [Fact]
    public void Final_states_have_no_way_out_and_every_other_state_is_reachable_and_can_end()
    {
        var states = Enum.GetValues<RefundState>();
        foreach (var final in states.Where(RefundStateMachine.IsFinal))
        {
            Assert.DoesNotContain(RefundStateMachine.Transitions, t => t.From == final);
        }

        var reachable = Reachable(RefundState.Submitted);
        Assert.Equal(states.Order(), reachable.Order());
        foreach (var state in states)
        {
            Assert.Contains(Reachable(state), RefundStateMachine.IsFinal);
        }
    }

    [Theory]
    [InlineData(RefundType.RefundOnly, RefundState.Refunding)]
    [InlineData(RefundType.ReturnAndRefund, RefundState.AwaitingReturn)]
    public void Approval_leads_to_payout_or_to_waiting_for_the_goods(RefundType type, RefundState next) =>
        Assert.Equal(next, RefundStateMachine.AfterApproval(type));

    private static HashSet<RefundState> Reachable(RefundState start)
    {
        var seen = new HashSet<RefundState> { start };
        var queue = new Queue<RefundState>([start]);
        while (queue.TryDequeue(out var state))
        {
            foreach (var next in RefundStateMachine.Transitions.Where(t => t.From == state).Select(t => t.To))
            {
                if (seen.Add(next))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return seen;
    }
}
