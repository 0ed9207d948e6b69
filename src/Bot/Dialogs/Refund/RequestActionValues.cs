namespace ServiceBot.Bot.Dialogs.Refund;

/// <summary>State of the dialogs that act on an existing request (return shipment, answering the merchant).</summary>
public sealed class RequestActionValues
{
    public string? RequestId { get; set; }

    /// <summary>For answering the merchant: accept, evidence, intervene or cancel.</summary>
    public string? Action { get; set; }

    public string? Carrier { get; set; }
}
