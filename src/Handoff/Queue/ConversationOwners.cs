using System.Globalization;
using ServiceBot.Handoff.Redis;
using StackExchange.Redis;

namespace ServiceBot.Handoff.Queue;

/// <summary>
/// Reads who owns a conversation: one HMGET, no script, because the turn pipeline asks on every customer message
/// (relay to the agent, or let the bot answer).
/// </summary>
public sealed class ConversationOwners(RedisConnection redis)
{
    private static readonly RedisValue[] Fields = ["k", "a", "s", "q", "t", "e", "sk", "p", "l", "cu", "o"];

    private readonly HandoffKeys _keys = redis.Keys.Handoff;

    public async Task<ConversationOwner> ReadAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var key = _keys.Owner(conversationId);
        var database = await redis.DatabaseAsync();
        var f = await database.HashGetAsync(key, Fields).WaitAsync(cancellationToken);
        var kind = HandoffNames.ParseKind((string?)f[0]);
        if (kind == OwnerKind.Bot)
        {
            return ConversationOwner.Bot(conversationId);
        }

        var request = new HandoffRequest((string?)f[4] ?? "", (string?)f[5] ?? "", HandoffNames.ParseSkill((string?)f[6]),
            (Priority)(int)f[7], (string?)f[8] ?? "", (string?)f[9] ?? "", (string?)f[10] == "1");
        return new ConversationOwner(conversationId, kind, f[1].IsNullOrEmpty ? null : (string?)f[1], Number(f[2]), Number(f[3]), request);
    }

    private static long Number(RedisValue value) =>
        value.IsNullOrEmpty ? 0 : long.Parse((string)value!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
}
