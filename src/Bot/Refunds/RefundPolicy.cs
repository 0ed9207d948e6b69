using ServiceBot.Knowledge.Loading;

namespace ServiceBot.Bot.Refunds;

/// <summary>
/// The numbers the refund rules enforce, read from knowledge/policy.yaml (the same values the FAQ answers show).
/// Taken as a snapshot per operation so a hot-reloaded policy applies to the next one.
/// </summary>
public sealed record RefundPolicy(
    int ReturnWindowDays,
    int QualityReturnDays,
    int FreshReportHours,
    int MerchantResponseDays,
    int ReturnShipDays,
    int MerchantReceiptDays,
    int PlatformReviewDays,
    int InterventionWindowDays,
    int UploadMaxImages)
{
    /// <summary>The values of policy.yaml, or its shipped defaults for any key missing or not a number.</summary>
    public static RefundPolicy From(PolicyValues values) => new(
        values.GetInt("return_window_days", 7),
        values.GetInt("quality_return_days", 15),
        values.GetInt("fresh_report_hours", 48),
        values.GetInt("merchant_response_days", 2),
        values.GetInt("return_ship_days", 7),
        values.GetInt("merchant_receipt_days", 7),
        values.GetInt("platform_review_days", 3),
        values.GetInt("intervention_window_days", 15),
        values.GetInt("upload_max_images", 6));

    public static RefundPolicy Default { get; } = From(PolicyValues.Empty);
}
