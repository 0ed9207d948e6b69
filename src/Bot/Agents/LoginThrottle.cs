using System.Net;
using System.Net.Sockets;
using ServiceBot.Handoff.Redis;
using StackExchange.Redis;

namespace ServiceBot.Bot.Agents;

/// <summary>
/// Counts failed logins per login and per client address in Redis, so every instance sees the same counts. Each
/// attempt is counted before its password is checked (one INCR + PEXPIRE script per counter: the two counters are in
/// different hash slots) and a success takes its count back, so parallel guesses cannot slip past the limit. A
/// success also clears its login's count, not its address's. Logins count in any case, as they match.
/// </summary>
public sealed class LoginThrottle(RedisConnection redis, AgentOptions options)
{
    /// <summary>KEYS counter. ARGV window (ms). The count after this attempt; the window starts with the first.</summary>
    private const string CountScript = """
        local count = redis.call('INCR', KEYS[1])
        if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return count
        """;

    /// <summary>KEYS counter. Takes one attempt back, never below zero, never creating the counter.</summary>
    private const string UncountScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 and tonumber(redis.call('GET', KEYS[1])) > 0 then redis.call('DECR', KEYS[1]) end
        return 0
        """;

    /// <summary>Counts an attempt; when the login or the address is over its limit, how long until it may try again.</summary>
    public async Task<TimeSpan?> AttemptAsync(string login, IPAddress? address)
    {
        var database = await redis.DatabaseAsync();
        var window = (long)options.LoginFailureWindow.TotalMilliseconds;
        var loginKey = LoginKey(login);
        var addressKey = AddressKey(address);
        var counts = await Task.WhenAll(
            database.ScriptEvaluateAsync(CountScript, [loginKey], [window]),
            database.ScriptEvaluateAsync(CountScript, [addressKey], [window]));
        var blocked = new List<RedisKey>(2);
        if ((long)counts[0] > options.LoginFailuresPerLogin)
        {
            blocked.Add(loginKey);
        }

        if ((long)counts[1] > options.LoginFailuresPerAddress)
        {
            blocked.Add(addressKey);
        }

        if (blocked.Count == 0)
        {
            return null;
        }

        var waits = await Task.WhenAll(blocked.Select(key => database.KeyTimeToLiveAsync(key)));
        return waits.Max(wait => wait ?? options.LoginFailureWindow);
    }

    /// <summary>The attempt was right: the login starts afresh and the address gets this attempt back.</summary>
    public async Task SucceededAsync(string login, IPAddress? address)
    {
        var database = await redis.DatabaseAsync();
        await Task.WhenAll(
            database.KeyDeleteAsync(LoginKey(login)),
            database.ScriptEvaluateAsync(UncountScript, [AddressKey(address)]));
    }

    private RedisKey LoginKey(string login) => redis.Keys.AgentLoginFailuresOfLogin(login.ToUpperInvariant());

    private RedisKey AddressKey(IPAddress? address) => redis.Keys.AgentLoginFailuresOfAddress(ClientOf(address));

    /// <summary>An IPv4 address as itself (also when mapped into IPv6); an IPv6 address by its /64, which one client usually holds whole.</summary>
    internal static string ClientOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes).ToString() + "/64";
    }
}
