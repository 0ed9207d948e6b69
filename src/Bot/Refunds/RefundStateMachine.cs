namespace ServiceBot.Bot.Refunds;

/// <summary>One legal move of the lifecycle: who may make it, and for which request type only (null: any).</summary>
public sealed record RefundTransition(RefundState From, RefundState To, RefundActor Actor, RefundType? OnlyFor = null);

/// <summary>
/// The refund lifecycle (refund guide §一(二)–(五)) as one transition table. Every move is checked against it and
/// appended to the request's history; nothing else changes a request's state.
/// </summary>
public static class RefundStateMachine
{
    public static IReadOnlyList<RefundTransition> Transitions { get; } =
    [
        new(RefundState.Submitted, RefundState.MerchantAgreed, RefundActor.Merchant),
        new(RefundState.Submitted, RefundState.MerchantRejected, RefundActor.Merchant),
        new(RefundState.Submitted, RefundState.MerchantCounterOffer, RefundActor.Merchant),
        new(RefundState.Submitted, RefundState.MerchantOverdue, RefundActor.System),
        new(RefundState.Submitted, RefundState.Cancelled, RefundActor.Customer),
        // The customer adds evidence while the merchant or the platform is still deciding.
        new(RefundState.Submitted, RefundState.Submitted, RefundActor.Customer),
        new(RefundState.MerchantAgreed, RefundState.AwaitingReturn, RefundActor.System, RefundType.ReturnAndRefund),
        new(RefundState.MerchantAgreed, RefundState.Refunding, RefundActor.System, RefundType.RefundOnly),
        new(RefundState.MerchantRejected, RefundState.PlatformReview, RefundActor.Customer),
        // Re-negotiation: new evidence puts the request back in front of the merchant.
        new(RefundState.MerchantRejected, RefundState.Submitted, RefundActor.Customer),
        new(RefundState.MerchantRejected, RefundState.Cancelled, RefundActor.Customer),
        new(RefundState.MerchantCounterOffer, RefundState.PlatformReview, RefundActor.Customer),
        new(RefundState.MerchantCounterOffer, RefundState.Refunding, RefundActor.Customer),
        new(RefundState.MerchantCounterOffer, RefundState.Cancelled, RefundActor.Customer),
        new(RefundState.MerchantOverdue, RefundState.PlatformReview, RefundActor.Customer),
        new(RefundState.PlatformReview, RefundState.Approved, RefundActor.Platform),
        new(RefundState.PlatformReview, RefundState.Denied, RefundActor.Platform),
        new(RefundState.PlatformReview, RefundState.PlatformReview, RefundActor.Customer),
        new(RefundState.Approved, RefundState.AwaitingReturn, RefundActor.System, RefundType.ReturnAndRefund),
        new(RefundState.Approved, RefundState.Refunding, RefundActor.System, RefundType.RefundOnly),
        new(RefundState.AwaitingReturn, RefundState.ReturnShipped, RefundActor.Customer),
        new(RefundState.AwaitingReturn, RefundState.Cancelled, RefundActor.Customer),
        new(RefundState.ReturnShipped, RefundState.MerchantReceived, RefundActor.Merchant),
        new(RefundState.MerchantReceived, RefundState.Refunding, RefundActor.System),
        new(RefundState.Refunding, RefundState.Refunded, RefundActor.Platform),
        new(RefundState.Refunding, RefundState.Refunded, RefundActor.System),
    ];

    /// <summary>States nothing leaves; an order whose requests are all final may get a new one (unless refunded).</summary>
    public static bool IsFinal(RefundState state) => state is RefundState.Refunded or RefundState.Cancelled or RefundState.Denied;

    /// <summary>Where an agreed or approved request goes next: wait for the goods, or pay out.</summary>
    public static RefundState AfterApproval(RefundType type) =>
        type == RefundType.ReturnAndRefund ? RefundState.AwaitingReturn : RefundState.Refunding;

    public static bool CanMove(RefundRequest request, RefundState to, RefundActor actor) => Refusal(request, to, actor) is null;

    /// <summary>The request moved to <paramref name="to"/> with the move in its history; throws when the table forbids it.</summary>
    public static RefundRequest Move(RefundRequest request, RefundState to, RefundActor actor, DateTimeOffset at, string? note = null)
    {
        if (Refusal(request, to, actor) is { } message)
        {
            throw new RefundTransitionException(message) { From = request.State, To = to };
        }

        return request with
        {
            State = to,
            UpdatedAt = at,
            History = [.. request.History, new RefundHistoryEntry(at, actor, request.State, to, note)],
        };
    }

    private static string? Refusal(RefundRequest request, RefundState to, RefundActor actor)
    {
        var moves = Transitions.Where(t => t.From == request.State && t.To == to).ToList();
        if (moves.Count == 0)
        {
            return $"Refund request {request.Id} is {request.State}; it cannot move to {to}.";
        }

        if (!moves.Any(t => t.Actor == actor))
        {
            return $"The {actor.ToString().ToLowerInvariant()} may not move refund request {request.Id} from {request.State} to {to}.";
        }

        return moves.Any(t => t.Actor == actor && (t.OnlyFor is null || t.OnlyFor == request.Type))
            ? null
            : $"Refund request {request.Id} is a {request.Type} request; it cannot move from {request.State} to {to}.";
    }
}
