namespace ServiceBot.Bot.Refunds;

/// <summary>No refund request has this id.</summary>
public sealed class RefundNotFoundException(string requestId) : KeyNotFoundException($"Refund request {requestId} does not exist.")
{
    public string RequestId { get; } = requestId;
}
