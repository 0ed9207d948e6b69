using System.Collections.Concurrent;

namespace ServiceBot.Bot.Hosting;

/// <summary>
/// Tokens that checked out, remembered with what they grant until they expire (a signature never stops matching its
/// token), so a busy client's every request does not verify it again. Bounded: when full it starts afresh.
/// </summary>
public sealed class CheckedTokens<T>(TimeProvider time, int capacity = 10_000)
    where T : class
{
    private readonly ConcurrentDictionary<string, (T Grant, DateTime Expires)> _checked = new(StringComparer.Ordinal);

    /// <summary>What <paramref name="token"/> grants when it checked out before and has not expired; else null.</summary>
    public T? Find(string token)
    {
        if (!_checked.TryGetValue(token, out var remembered))
        {
            return null;
        }

        if (remembered.Expires > time.GetUtcNow().UtcDateTime)
        {
            return remembered.Grant;
        }

        _checked.TryRemove(token, out _);
        return null;
    }

    public void Remember(string token, T grant, DateTime expires)
    {
        if (_checked.Count >= capacity)
        {
            _checked.Clear(); // the busy ones come back at their next request
        }

        _checked[token] = (grant, expires);
    }
}
