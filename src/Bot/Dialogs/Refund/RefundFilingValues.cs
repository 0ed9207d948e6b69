using ServiceBot.Bot.Refunds;

namespace ServiceBot.Bot.Dialogs.Refund;

/// <summary>What the refund filing dialog has collected so far (the waterfall's typed state).</summary>
public sealed class RefundFilingValues
{
    public string? OrderId { get; set; }

    public decimal Paid { get; set; }

    public List<RefundType> AllowedTypes { get; set; } = [];

    public List<RefundReason> AllowedReasons { get; set; } = [];

    public RefundType? Type { get; set; }

    public RefundReason? Reason { get; set; }

    public string? ReasonText { get; set; }

    public decimal? Amount { get; set; }

    public List<Evidence> Evidence { get; set; } = [];

    /// <summary>The field being changed from the summary (type, reason, amount, evidence); then back to the summary.</summary>
    public string? Editing { get; set; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool EvidenceRequired => Reason is RefundReason.QualityIssue or RefundReason.DamagedInTransit or RefundReason.NotAsDescribed;
}
