namespace ServiceBot.Bot.Refunds;

/// <summary>A stored change and the history entries it added (what listeners are told about).</summary>
public sealed record RefundUpdate(RefundRequest Request, IReadOnlyList<RefundHistoryEntry> Changes);

public static class RefundStoreExtensions
{
    /// <summary>Enough for many writers on one request; each conflict means another writer made progress.</summary>
    private const int MaxAttempts = 100;

    /// <summary>
    /// Read, change, compare-and-set; on conflict read again and re-apply <paramref name="change"/>, so it is
    /// judged against the latest state and no concurrent change is lost. Returning the same instance writes nothing.
    /// </summary>
    public static async Task<RefundUpdate> UpdateAsync(this IRefundStore store, string requestId,
        Func<RefundRequest, RefundRequest> change, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await store.GetAsync(requestId, cancellationToken) ?? throw new RefundNotFoundException(requestId);
            var updated = change(current);
            if (ReferenceEquals(updated, current))
            {
                return new RefundUpdate(current, []);
            }

            if (await store.TryReplaceAsync(updated, current.Version, cancellationToken) is { } stored)
            {
                return new RefundUpdate(stored, stored.History.Skip(current.History.Count).ToArray());
            }

            if (attempt == MaxAttempts)
            {
                throw new InvalidOperationException($"Refund request {requestId} kept changing; gave up after {MaxAttempts} attempts.");
            }

            // A little jitter so writers that collided do not collide again in lockstep.
            await Task.Delay(Random.Shared.Next(0, Math.Min(attempt, 10)), cancellationToken);
        }
    }
}
