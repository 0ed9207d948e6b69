using ServiceBot.Handoff.Redis;
using StackExchange.Redis;

namespace ServiceBot.Bot.Conversations;

/// <summary>
/// Conversation state in Redis with a ticket lock per conversation: each message takes a ticket (INCR) when it
/// arrives and enters when "serving" reaches it, so messages are processed one at a time in arrival order, across
/// every service instance. Entering returns the state in the same script (one round trip); committing writes the
/// state and passes the turn on in one script, fenced by the lease, so a turn whose lease expired cannot overwrite
/// a newer one. A ticket whose owner vanished (crash) is skipped once no lease is held for the stale period.
/// All keys of a conversation share one hash tag, so the scripts also run on Redis Cluster.
/// </summary>
public sealed class RedisConversationStore(RedisConnection redis, ConversationOptions options) : IConversationStore
{
    // KEYS: ticket, serving, lease, state, since. ARGV: ticket (0 = new), lease ms, stale ms, idle ttl ms.
    // Tickets start at 1 (INCR of a missing key) and "serving" defaults to 1.
    // Returns {ticket, entered (1/0), state or false}.
    private static readonly LuaScript EnterScript = LuaScript.Prepare("""
        local ticket = tonumber(@ticketArg)
        local serving = tonumber(redis.call('GET', @servingKey) or '1')
        if ticket < serving then
          -- A new message, or one whose ticket was skipped while its process stalled: queue at the end.
          ticket = redis.call('INCR', @ticketKey)
          redis.call('PEXPIRE', @ticketKey, @idleMs)
        end
        local leased = redis.call('EXISTS', @leaseKey) == 1
        if serving < ticket and not leased then
          -- Nobody holds the conversation yet the turn before ours has not finished: its owner may be gone.
          -- The first waiter to notice starts a clock; after the stale period that ticket is skipped.
          local now = redis.call('TIME')
          local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
          local since = tonumber(redis.call('GET', @sinceKey) or '0')
          if since == 0 then
            redis.call('SET', @sinceKey, nowMs, 'PX', @idleMs)
          elseif nowMs - since > tonumber(@staleMs) then
            serving = serving + 1
            redis.call('SET', @servingKey, serving, 'PX', @idleMs)
            redis.call('DEL', @sinceKey)
          end
        end
        if serving == ticket and not leased then
          redis.call('SET', @leaseKey, ticket, 'PX', @leaseMs)
          return {ticket, 1, redis.call('GET', @stateKey)}
        end
        return {ticket, 0, false}
        """);

    // KEYS: lease, serving, state, since. ARGV: ticket, state ('' = do not save), idle ttl ms. Returns 1, or 0 if the lease was lost.
    private static readonly LuaScript ExitScript = LuaScript.Prepare("""
        if redis.call('GET', @leaseKey) ~= @ticketArg then
          return 0
        end
        if @stateArg ~= '' then
          redis.call('SET', @stateKey, @stateArg, 'PX', @idleMs)
        end
        redis.call('DEL', @leaseKey)
        redis.call('SET', @servingKey, tonumber(@ticketArg) + 1, 'PX', @idleMs)
        redis.call('DEL', @sinceKey)
        return 1
        """);

    public async Task<ConversationLease> EnterAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var database = await redis.DatabaseAsync();
        var keys = new ConversationKeys(redis.Keys.Prefix, conversationId);
        long ticket = 0;
        var delay = 1;
        while (true)
        {
            var result = (RedisResult[])(await database.ScriptEvaluateAsync(EnterScript, new
            {
                ticketKey = keys.Ticket,
                servingKey = keys.Serving,
                leaseKey = keys.Lease,
                stateKey = keys.State,
                sinceKey = keys.Since,
                ticketArg = ticket,
                leaseMs = (long)options.Lease.TotalMilliseconds,
                staleMs = (long)options.Lease.TotalMilliseconds,
                idleMs = (long)options.IdleTtl.TotalMilliseconds,
            }))!;
            ticket = (long)result[0];
            if ((long)result[1] == 1)
            {
                var json = result[2].IsNull ? default : (byte[])result[2]!;
                return new Lease(conversationId, StateSerializer.Deserialize(json), database, keys, ticket, options);
            }

            await Task.Delay(delay, cancellationToken);
            delay = Math.Min(delay * 2, 8);
        }
    }

    public async Task<ConversationState> PeekAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var database = await redis.DatabaseAsync();
        var json = await database.StringGetAsync(new ConversationKeys(redis.Keys.Prefix, conversationId).State);
        return StateSerializer.Deserialize(json.IsNull ? default : (byte[])json!);
    }

    /// <summary>Every key of one conversation; the {c:id} hash tag keeps them in one cluster slot.</summary>
    internal readonly record struct ConversationKeys(string Prefix, string ConversationId)
    {
        private string Base => $"{Prefix}{{c:{ConversationId}}}";

        public RedisKey State => Base + ":state";

        public RedisKey Ticket => Base + ":ticket";

        public RedisKey Serving => Base + ":serving";

        public RedisKey Lease => Base + ":lease";

        public RedisKey Since => Base + ":since";
    }

    private sealed class Lease(string conversationId, ConversationState state, IDatabase database, ConversationKeys keys, long ticket, ConversationOptions options)
        : ConversationLease(conversationId, state)
    {
        private int _done;

        public override async Task CommitAsync(CancellationToken cancellationToken = default)
        {
            ObjectDisposedException.ThrowIf(_done == 1, this);
            State.Version++;
            if (!await ExitAsync(StateSerializer.Serialize(State)))
            {
                throw new LeaseLostException($"conversation {ConversationId}: the turn outlived its lease and was not saved");
            }
        }

        public override async ValueTask DisposeAsync()
        {
            if (_done == 0)
            {
                await ExitAsync([]);
            }
        }

        private async Task<bool> ExitAsync(byte[] json)
        {
            if (Interlocked.Exchange(ref _done, 1) == 1)
            {
                return false;
            }

            var result = await database.ScriptEvaluateAsync(ExitScript, new
            {
                leaseKey = keys.Lease,
                servingKey = keys.Serving,
                stateKey = keys.State,
                sinceKey = keys.Since,
                ticketArg = ticket,
                stateArg = json,
                idleMs = (long)options.IdleTtl.TotalMilliseconds,
            });
            return (long)result == 1;
        }
    }
}
