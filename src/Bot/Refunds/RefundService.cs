using System.Globalization;
using Microsoft.Extensions.Logging;
using ServiceBot.Knowledge.Loading;

namespace ServiceBot.Bot.Refunds;

/// <summary>
/// Refund requests: eligibility, submission and every party's actions. Each action re-reads the request, checks who
/// acts and the lifecycle, stores with compare-and-set (retrying on conflict), then tells the listeners.
/// </summary>
public sealed partial class RefundService : IRefundService
{
    private readonly IRefundStore _store;
    private readonly IOrderService _orders;
    private readonly Func<PolicyValues> _policy;
    private readonly TimeProvider _time;
    private readonly RefundEventPublisher _events;
    private readonly ILogger<RefundService> _logger;

    /// <param name="policy">Read on every operation, so a hot-reloaded policy.yaml applies at once.</param>
    public RefundService(IRefundStore store, IOrderService orders, Func<PolicyValues> policy, TimeProvider time,
        IEnumerable<IRefundEvents> listeners, ILogger<RefundService> logger)
    {
        _store = store;
        _orders = orders;
        _policy = policy;
        _time = time;
        _events = new RefundEventPublisher(listeners, logger);
        _logger = logger;
    }

    private RefundPolicy Policy => RefundPolicy.From(_policy());

    public async Task<Eligibility> CheckEligibilityAsync(Order order, CancellationToken cancellationToken = default)
    {
        var requests = await _store.ListByOrderAsync(order.CustomerId, order.Id, cancellationToken);
        return RefundEligibility.Evaluate(order, requests, Policy, _time.GetUtcNow());
    }

    public async Task<RefundRequest> SubmitAsync(RefundDraft draft, CancellationToken cancellationToken = default)
    {
        var order = await _orders.FindAsync(draft.CustomerId, draft.OrderId, cancellationToken)
            ?? throw new RefundTransitionException($"Order {draft.OrderId} is not one of this customer's orders.");
        var policy = Policy;
        var now = _time.GetUtcNow();
        // The id is taken while the order's requests are read (one round trip instead of two); a refused
        // submission leaves a gap in the sequence, which is harmless.
        var existingTask = _store.ListByOrderAsync(order.CustomerId, order.Id, cancellationToken);
        var idTask = _store.NextIdAsync(now, cancellationToken);
        await Task.WhenAll(existingTask, idTask);
        EnsureAllowed(draft, RefundEligibility.Evaluate(order, await existingTask, policy, now));
        RefundInput.Amount(draft.Amount, order.Amount);
        RefundInput.Evidence(draft.Evidence, policy);

        var id = await idTask;
        // Creation is the first history entry, so listeners hear about it like any other change.
        var created = new RefundHistoryEntry(now, RefundActor.Customer, RefundState.Submitted, RefundState.Submitted, null);
        var request = new RefundRequest(id, draft.CustomerId, order.Id, order.MerchantId, draft.Type, draft.Reason, draft.ReasonText,
            draft.Amount, order.PaymentMethod, [.. draft.Evidence], RefundState.Submitted, now, now,
            now.AddDays(policy.MerchantResponseDays), RejectReason: null, CounterOffer: null, InterventionStatement: null,
            Return: null, RefundedAt: null, draft.ConversationId, [created], Version: 1);
        if (!await _store.TryCreateAsync(request, cancellationToken))
        {
            throw Refused(order.Id, IneligibleReason.RequestOpen);
        }

        LogSubmitted(_logger, id, order.Id, request.Type, request.Amount);
        await _events.PublishAsync(new RefundUpdate(request, [created]));
        return request;
    }

    public Task<RefundRequest?> GetAsync(string requestId, CancellationToken cancellationToken = default) =>
        _store.GetAsync(requestId, cancellationToken);

    public Task<IReadOnlyList<RefundRequest>> ListForCustomerAsync(string customerId, CancellationToken cancellationToken = default) =>
        _store.ListByCustomerAsync(customerId, cancellationToken);

    public Task<RefundRequest> CancelAsync(string customerId, string requestId, CancellationToken cancellationToken = default) =>
        CustomerActsAsync(customerId, requestId, (r, now) => Move(r, RefundState.Cancelled, RefundActor.Customer, now), cancellationToken);

    public Task<RefundRequest> AcceptCounterOfferAsync(string customerId, string requestId, CancellationToken cancellationToken = default) =>
        CustomerActsAsync(customerId, requestId, (r, now) =>
        {
            var moved = Move(r, RefundState.Refunding, RefundActor.Customer, now);
            var amount = r.CounterOffer?.Amount
                ?? throw new RefundTransitionException($"Refund request {r.Id}: the merchant offered an exchange, not an amount to accept.")
                {
                    From = r.State,
                    To = RefundState.Refunding,
                };
            return moved with { Amount = amount };
        }, cancellationToken);

    public Task<RefundRequest> AddEvidenceAsync(string customerId, string requestId, IReadOnlyList<Evidence> evidence, string? note,
        CancellationToken cancellationToken = default)
    {
        if (evidence.Count == 0)
        {
            throw new ArgumentException("At least one piece of evidence is required.");
        }

        var policy = Policy;
        RefundInput.Evidence(evidence, policy);
        return CustomerActsAsync(customerId, requestId, (r, now) =>
        {
            // After a rejection, new evidence re-opens the negotiation with a fresh merchant deadline.
            var renegotiate = r.State == RefundState.MerchantRejected;
            var moved = Move(r, renegotiate ? RefundState.Submitted : r.State, RefundActor.Customer, now, note) with
            {
                Evidence = [.. r.Evidence, .. evidence],
            };
            return renegotiate ? moved with { MerchantDeadline = now.AddDays(policy.MerchantResponseDays), RejectReason = null } : moved;
        }, cancellationToken);
    }

    public Task<RefundRequest> RequestInterventionAsync(string customerId, string requestId, string statement,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(statement);
        return CustomerActsAsync(customerId, requestId, (r, now) =>
        {
            var moved = Move(r, RefundState.PlatformReview, RefundActor.Customer, now);
            if (RefundDeadlines.DueAt(r, Policy) is { } closedAt && now > closedAt)
            {
                throw new RefundTransitionException($"Refund request {r.Id}: the window to ask for platform intervention closed at {closedAt:O}.")
                {
                    From = r.State,
                    To = RefundState.PlatformReview,
                };
            }

            return moved with { InterventionStatement = statement };
        }, cancellationToken);
    }

    public Task<RefundRequest> ShipReturnAsync(string customerId, string requestId, string carrier, string trackingNumber,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(carrier);
        RefundInput.TrackingNumber(trackingNumber);
        return CustomerActsAsync(customerId, requestId, (r, now) =>
            Move(r, RefundState.ReturnShipped, RefundActor.Customer, now) with { Return = new ReturnShipment(carrier.Trim(), trackingNumber, now) },
            cancellationToken);
    }

    public Task<RefundRequest> MerchantAgreeAsync(string merchantId, string requestId, CancellationToken cancellationToken = default) =>
        MerchantActsAsync(merchantId, requestId, (r, now) => ThenProceed(Move(r, RefundState.MerchantAgreed, RefundActor.Merchant, now), now),
            cancellationToken);

    public Task<RefundRequest> MerchantRejectAsync(string merchantId, string requestId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return MerchantActsAsync(merchantId, requestId, (r, now) =>
            Move(r, RefundState.MerchantRejected, RefundActor.Merchant, now, reason) with { RejectReason = reason }, cancellationToken);
    }

    public Task<RefundRequest> MerchantCounterOfferAsync(string merchantId, string requestId, CounterOffer offer, CancellationToken cancellationToken = default)
    {
        RefundInput.Offer(offer);
        return MerchantActsAsync(merchantId, requestId, (r, now) =>
        {
            var moved = Move(r, RefundState.MerchantCounterOffer, RefundActor.Merchant, now, offer.Note);
            if (offer.Amount is { } amount && amount >= r.Amount)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"A counter-offer must be less than the {r.Amount} asked for; agree instead."));
            }

            return moved with { CounterOffer = offer };
        }, cancellationToken);
    }

    public Task<RefundRequest> ConfirmReceiptAsync(string merchantId, string requestId, CancellationToken cancellationToken = default) =>
        MerchantActsAsync(merchantId, requestId, (r, now) =>
            Move(Move(r, RefundState.MerchantReceived, RefundActor.Merchant, now), RefundState.Refunding, RefundActor.System, now),
            cancellationToken);

    public Task<RefundRequest> PlatformDecideAsync(string requestId, bool approve, string note, CancellationToken cancellationToken = default) =>
        ActAsync(requestId, (r, now) => approve
            ? ThenProceed(Move(r, RefundState.Approved, RefundActor.Platform, now, note), now)
            : Move(r, RefundState.Denied, RefundActor.Platform, now, note), cancellationToken);

    public async Task<IReadOnlyList<RefundRequest>> MarkOverdueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var marked = new List<RefundRequest>();
        foreach (var id in await _store.DueForOverdueAsync(now, cancellationToken))
        {
            // Re-checked on the fresh request: the merchant may have acted, or another instance marked it, meanwhile.
            try
            {
                var update = await CommitAsync(id, r =>
                    r.State == RefundState.Submitted && r.MerchantDeadline <= now ? Move(r, RefundState.MerchantOverdue, RefundActor.System, now) : r,
                    cancellationToken);
                if (update.Changes.Count > 0)
                {
                    marked.Add(update.Request);
                }
            }
            catch (RefundNotFoundException)
            {
                // A deadline whose request is gone must not stop the scan for every request after it.
                LogDeadlineWithoutRequest(_logger, id);
            }
        }

        return marked;
    }

    public Task<RefundRequest> CompleteRefundAsync(string requestId, CancellationToken cancellationToken = default) =>
        ActAsync(requestId, (r, now) => Move(r, RefundState.Refunded, RefundActor.Platform, now) with { RefundedAt = now }, cancellationToken);

    /// <summary>Agreed or approved: wait for the goods to come back, or pay out straight away.</summary>
    private static RefundRequest ThenProceed(RefundRequest request, DateTimeOffset now) =>
        Move(request, RefundStateMachine.AfterApproval(request.Type), RefundActor.System, now);

    private static RefundRequest Move(RefundRequest request, RefundState to, RefundActor actor, DateTimeOffset now, string? note = null) =>
        RefundStateMachine.Move(request, to, actor, now, note);

    private Task<RefundRequest> CustomerActsAsync(string customerId, string requestId, Func<RefundRequest, DateTimeOffset, RefundRequest> change,
        CancellationToken cancellationToken) =>
        ActAsync(requestId, (r, now) => change(EnsureParty(r, r.CustomerId, customerId, RefundActor.Customer), now), cancellationToken);

    private Task<RefundRequest> MerchantActsAsync(string merchantId, string requestId, Func<RefundRequest, DateTimeOffset, RefundRequest> change,
        CancellationToken cancellationToken) =>
        ActAsync(requestId, (r, now) => change(EnsureParty(r, r.MerchantId, merchantId, RefundActor.Merchant), now), cancellationToken);

    private async Task<RefundRequest> ActAsync(string requestId, Func<RefundRequest, DateTimeOffset, RefundRequest> change,
        CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        return (await CommitAsync(requestId, r => change(r, now), cancellationToken)).Request;
    }

    private async Task<RefundUpdate> CommitAsync(string requestId, Func<RefundRequest, RefundRequest> change, CancellationToken cancellationToken)
    {
        var update = await _store.UpdateAsync(requestId, change, cancellationToken);
        foreach (var entry in update.Changes)
        {
            LogChanged(_logger, requestId, entry.From, entry.To, entry.Actor);
        }

        await _events.PublishAsync(update);
        return update;
    }

    private static RefundRequest EnsureParty(RefundRequest request, string owner, string caller, RefundActor actor) =>
        string.Equals(owner, caller, StringComparison.Ordinal)
            ? request
            : throw new RefundTransitionException($"Refund request {request.Id} does not belong to this {actor.ToString().ToLowerInvariant()}.");

    private static void EnsureAllowed(RefundDraft draft, Eligibility eligibility)
    {
        if (!eligibility.Eligible)
        {
            throw Refused(draft.OrderId, eligibility.Reason);
        }

        if (!eligibility.AllowedTypes.Contains(draft.Type))
        {
            throw new RefundTransitionException($"Order {draft.OrderId} does not allow a {draft.Type} request.") { Ineligible = eligibility.Reason };
        }

        if (!eligibility.AllowedReasons.Contains(draft.Reason))
        {
            throw new RefundTransitionException($"Order {draft.OrderId} does not allow the reason {draft.Reason}.") { Ineligible = eligibility.Reason };
        }
    }

    private static RefundTransitionException Refused(string orderId, IneligibleReason? reason) =>
        new($"Order {orderId} cannot get a refund now: {reason}.") { Ineligible = reason };

    [LoggerMessage(EventId = 3110, Level = LogLevel.Information, Message = "Refund request {RequestId} submitted for order {OrderId}: {Type}, {Amount}")]
    private static partial void LogSubmitted(ILogger logger, string requestId, string orderId, RefundType type, decimal amount);

    [LoggerMessage(EventId = 3112, Level = LogLevel.Warning, Message = "Merchant deadline queued for refund request {RequestId}, which does not exist; skipped")]
    private static partial void LogDeadlineWithoutRequest(ILogger logger, string requestId);

    [LoggerMessage(EventId = 3111, Level = LogLevel.Information, Message = "Refund request {RequestId}: {From} -> {To} by {Actor}")]
    private static partial void LogChanged(ILogger logger, string requestId, RefundState from, RefundState to, RefundActor actor);
}
