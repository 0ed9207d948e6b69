using Microsoft.AspNetCore.Mvc;
using ServiceBot.Bot.Hosting;

namespace ServiceBot.Bot.Refunds;

/// <summary>
/// The merchant API (a merchant acts on its own requests) and the platform API (reviewers decide interventions and
/// confirm payouts), authenticated by X-Api-Key. Customers act through the bot, not here.
/// </summary>
public static class RefundApi
{
    public static IEndpointRouteBuilder MapRefundApis(this IEndpointRouteBuilder app)
    {
        var limits = app.ServiceProvider.GetRequiredService<InputLimits>();
        var noteBody = new RequestSizeLimitAttribute(InputLimits.BodyBytesFor(limits.NoteChars));
        var merchant = app.MapGroup("/api/merchant/refunds").AddEndpointFilter<MerchantKeyFilter>();
        merchant.MapGet("", ListForMerchantAsync);
        merchant.MapGet("/{id}", (string id, HttpContext http, IRefundService refunds) =>
            MerchantActsAsync(id, http, refunds, (_, request) => Task.FromResult(request)));
        merchant.MapPost("/{id}/agree", (string id, HttpContext http, IRefundService refunds) =>
            MerchantActsAsync(id, http, refunds, (merchantId, _) => refunds.MerchantAgreeAsync(merchantId, id, http.RequestAborted)));
        merchant.MapPost("/{id}/reject", (string id, HttpContext http, IRefundService refunds) =>
            MerchantActsAsync(id, http, refunds, async (merchantId, _) =>
            {
                var body = await RefundApiResults.ReadBodyAsync(http.Request, RefundJsonContext.Default.RejectBody);
                InputLimits.Check(body.Reason, limits.NoteChars, "reason");
                return await refunds.MerchantRejectAsync(merchantId, id, Required(body.Reason, "reason"), http.RequestAborted);
            })).WithMetadata(noteBody);
        merchant.MapPost("/{id}/counter-offer", (string id, HttpContext http, IRefundService refunds) =>
            MerchantActsAsync(id, http, refunds, async (merchantId, _) =>
            {
                var body = await RefundApiResults.ReadBodyAsync(http.Request, RefundJsonContext.Default.CounterOfferBody);
                InputLimits.Check(body.Note, limits.NoteChars, "note");
                var offer = new CounterOffer(body.Amount, body.Exchange ?? false, body.Note);
                return await refunds.MerchantCounterOfferAsync(merchantId, id, offer, http.RequestAborted);
            })).WithMetadata(noteBody);
        merchant.MapPost("/{id}/confirm-receipt", (string id, HttpContext http, IRefundService refunds) =>
            MerchantActsAsync(id, http, refunds, (merchantId, _) => refunds.ConfirmReceiptAsync(merchantId, id, http.RequestAborted)));

        var platform = app.MapGroup("/api/platform/refunds").AddEndpointFilter<PlatformKeyFilter>();
        platform.MapGet("/{id}", (string id, HttpContext http, IRefundService refunds) =>
            RefundApiResults.RunAsync(async () => await refunds.GetAsync(id, http.RequestAborted) ?? throw new RefundNotFoundException(id)));
        platform.MapPost("/{id}/decide", (string id, HttpContext http, IRefundService refunds) =>
            RefundApiResults.RunAsync(async () =>
            {
                var body = await RefundApiResults.ReadBodyAsync(http.Request, RefundJsonContext.Default.DecideBody);
                InputLimits.Check(body.Note, limits.NoteChars, "note");
                var approve = body.Approve ?? throw new ArgumentException("approve (true or false) is required.");
                return await refunds.PlatformDecideAsync(id, approve, body.Note ?? "", http.RequestAborted);
            })).WithMetadata(noteBody);
        platform.MapPost("/{id}/complete", (string id, HttpContext http, IRefundService refunds) =>
            RefundApiResults.RunAsync(() => refunds.CompleteRefundAsync(id, http.RequestAborted)));
        return app;
    }

    private static async Task<IResult> ListForMerchantAsync(string? state, HttpContext http, IRefundStore store)
    {
        RefundState? wanted = null;
        if (!string.IsNullOrEmpty(state))
        {
            // Names only: Enum.TryParse would also take "3" or "1,2".
            if (!state.All(char.IsAsciiLetter) || !Enum.TryParse<RefundState>(state, ignoreCase: true, out var parsed))
            {
                return RefundApiResults.BadRequest($"state must be one of: {string.Join(", ", Enum.GetNames<RefundState>())}.");
            }

            wanted = parsed;
        }

        var requests = await store.ListByMerchantAsync(MerchantCaller.Of(http), http.RequestAborted);
        return RefundApiResults.Json(new RefundList(requests.Where(r => wanted is null || r.State == wanted).ToArray()));
    }

    /// <summary>Another merchant's request answers 404, exactly like a missing one.</summary>
    private static async Task<IResult> MerchantActsAsync(string id, HttpContext http, IRefundService refunds,
        Func<string, RefundRequest, Task<RefundRequest>> action)
    {
        var merchantId = MerchantCaller.Of(http);
        var request = await refunds.GetAsync(id, http.RequestAborted);
        return request is null || request.MerchantId != merchantId
            ? RefundApiResults.NotFound(id)
            : await RefundApiResults.RunAsync(() => action(merchantId, request));
    }

    private static string Required(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"{name} is required.") : value;
}
