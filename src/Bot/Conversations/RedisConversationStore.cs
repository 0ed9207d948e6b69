using ServiceBot.Handoff.Redis;
using StackExchange.Redis;

namespace ServiceBot.Bot.Conversations;

/// <summary>
/// Conversation state in Redis with a ticket lock per conversation: each message takes a ticket (INCR) when it
/// arrives and enters when "serving" reaches it, so messages are processed one at a time in arrival order, across
/// every service instance. Entering returns the state in the same script (one round trip); committing writes the
/// state and passes the turn on in one script, fenced by the lease, so a turn whose lease was taken over cannot
/// overwrite a newer one. The lease is renewed while a turn runs. A waiter that gives up leaves its ticket behind
/// as "gone" so nobody waits for it; a ticket whose owner vanished (crash) is skipped once no lease has been held
/// for the lease period. All keys of a conversation share one hash tag, so the scripts also run on Redis Cluster.
/// </summary>
public sealed class RedisConversationStore : IConversationStore, IDisposable
{
    private readonly RedisConnection redis;
    private readonly ConversationOptions options;

    // Leases of turns in progress. One timer per store renews the slow ones: a timer per turn cost a tenth of
    // the throughput (timer queue locking), and almost every turn ends long before a renewal is due.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Lease, byte> _active = new();
    private readonly Timer _renewal;

    public RedisConversationStore(RedisConnection redis, ConversationOptions options)
    {
        this.redis = redis;
        this.options = options;
        var period = options.Lease / 3;
        _renewal = new Timer(_ => RenewSlowTurns(), null, period, period);
    }

    public void Dispose() => _renewal.Dispose();

    private void RenewSlowTurns()
    {
        foreach (var lease in _active.Keys)
        {
            lease.RenewIfDue();
        }
    }

    // Returns {ticket, entered (1/0), state or false}. Tickets start at 1 (INCR of a missing key); "serving"
    // defaults to 1. Ticket and serving expire together: both TTLs are refreshed whenever a ticket is taken.
    private static readonly LuaScript EnterScript = LuaScript.Prepare("""
        local ticket = tonumber(@ticketArg)
        local serving = tonumber(redis.call('GET', @servingKey) or '1')
        if ticket < serving then
          -- A new message, or one whose ticket was skipped while its process stalled: queue at the end.
          ticket = redis.call('INCR', @ticketKey)
          redis.call('PEXPIRE', @ticketKey, @idleMs)
          redis.call('PEXPIRE', @servingKey, @idleMs)
        end
        local leased = redis.call('EXISTS', @leaseKey) == 1
        while not leased and serving < ticket and redis.call('SREM', @goneKey, serving) == 1 do
          -- The waiter holding this ticket gave up (cancelled or timed out): nobody will come for it.
          serving = serving + 1
          redis.call('SET', @servingKey, serving, 'PX', @idleMs)
        end
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

    // Commits when we hold the lease, or when it lapsed but nobody else entered (serving is still our ticket).
    // Returns 1, or 0 if another turn took the conversation over.
    private static readonly LuaScript ExitScript = LuaScript.Prepare("""
        local holder = redis.call('GET', @leaseKey)
        local serving = tonumber(redis.call('GET', @servingKey) or '1')
        if holder ~= @ticketArg and not (holder == false and serving == tonumber(@ticketArg)) then
          return 0
        end
        if @stateArg ~= '' then
          redis.call('SET', @stateKey, @stateArg, 'PX', @idleMs)
        end
        redis.call('DEL', @leaseKey)
        redis.call('SET', @servingKey, tonumber(@ticketArg) + 1, 'PX', @idleMs)
        redis.call('PEXPIRE', @ticketKey, @idleMs)
        redis.call('DEL', @sinceKey)
        return 1
        """);

    private static readonly LuaScript RenewScript = LuaScript.Prepare("""
        if redis.call('GET', @leaseKey) == @ticketArg then
          return redis.call('PEXPIRE', @leaseKey, @leaseMs)
        end
        return 0
        """);

    // A waiter that gives up: if it is being served, pass the turn on; otherwise mark its ticket gone.
    private static readonly LuaScript LeaveScript = LuaScript.Prepare("""
        local serving = tonumber(redis.call('GET', @servingKey) or '1')
        local ticket = tonumber(@ticketArg)
        if serving == ticket and redis.call('EXISTS', @leaseKey) == 0 then
          redis.call('SET', @servingKey, ticket + 1, 'PX', @idleMs)
        elseif serving < ticket then
          redis.call('SADD', @goneKey, ticket)
          redis.call('PEXPIRE', @goneKey, @idleMs)
        end
        return 1
        """);

    public async Task<ConversationLease> EnterAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var database = await redis.DatabaseAsync();
        var keys = new ConversationKeys(redis.Keys.Prefix, conversationId);
        long ticket = 0;
        var delay = 1;
        // A waiter never waits forever: longer than a hung turn may keep the lease (4 leases) plus the stale
        // period, something is wrong, and the caller says so.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Lease * 6);
        try
        {
            while (true)
            {
                var result = (RedisResult[])(await database.ScriptEvaluateAsync(EnterScript, new
                {
                    ticketKey = keys.Ticket,
                    servingKey = keys.Serving,
                    leaseKey = keys.Lease,
                    stateKey = keys.State,
                    sinceKey = keys.Since,
                    goneKey = keys.Gone,
                    ticketArg = ticket,
                    leaseMs = (long)options.Lease.TotalMilliseconds,
                    staleMs = (long)options.Lease.TotalMilliseconds,
                    idleMs = (long)options.IdleTtl.TotalMilliseconds,
                }))!;
                ticket = (long)result[0];
                if ((long)result[1] == 1)
                {
                    var json = result[2].IsNull ? default : (byte[])result[2]!;
                    return new Lease(this, conversationId, StateSerializer.Deserialize(json), database, keys, ticket);
                }

                await Task.Delay(delay, deadline.Token);
                delay = Math.Min(delay * 2, 8);
            }
        }
        catch (OperationCanceledException) when (ticket > 0)
        {
            await LeaveAsync(database, keys, ticket);
            if (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"conversation {conversationId}: waited {options.Lease * 6} for the turns before this message");
            }

            throw;
        }
    }

    public async Task<ConversationState> PeekAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var database = await redis.DatabaseAsync();
        var json = await database.StringGetAsync(new ConversationKeys(redis.Keys.Prefix, conversationId).State);
        return StateSerializer.Deserialize(json.IsNull ? default : (byte[])json!);
    }

    private Task<RedisResult> LeaveAsync(IDatabase database, ConversationKeys keys, long ticket) =>
        database.ScriptEvaluateAsync(LeaveScript, new
        {
            servingKey = keys.Serving,
            leaseKey = keys.Lease,
            goneKey = keys.Gone,
            ticketArg = ticket,
            idleMs = (long)options.IdleTtl.TotalMilliseconds,
        });

    /// <summary>Every key of one conversation; the {c:id} hash tag keeps them in one cluster slot.</summary>
    internal readonly record struct ConversationKeys(string Prefix, string ConversationId)
    {
        private string Base => $"{Prefix}{{c:{ConversationId}}}";

        public RedisKey State => Base + ":state";

        public RedisKey Ticket => Base + ":ticket";

        public RedisKey Serving => Base + ":serving";

        public RedisKey Lease => Base + ":lease";

        public RedisKey Since => Base + ":since";

        public RedisKey Gone => Base + ":gone";
    }

    private sealed class Lease : ConversationLease
    {
        private readonly RedisConversationStore _store;
        private readonly IDatabase _database;
        private readonly ConversationKeys _keys;
        private readonly long _ticket;
        private readonly long _enteredAt = Environment.TickCount64;
        private int _done;
        private int _renewals;

        public Lease(RedisConversationStore store, string conversationId, ConversationState state, IDatabase database, ConversationKeys keys, long ticket)
            : base(conversationId, state)
        {
            (_store, _database, _keys, _ticket) = (store, database, keys, ticket);
            store._active.TryAdd(this, 0);
        }

        private ConversationOptions Options => _store.options;

        public override async Task CommitAsync(CancellationToken cancellationToken = default)
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _done) == 1, this);
            State.Version++;
            if (!await ExitAsync(StateSerializer.Serialize(State)))
            {
                throw new LeaseLostException($"conversation {ConversationId}: another turn took over before this one was saved");
            }
        }

        public override async ValueTask DisposeAsync()
        {
            if (Volatile.Read(ref _done) == 0)
            {
                await ExitAsync([]);
            }

            _store._active.TryRemove(this, out _);
        }

        /// <summary>
        /// Keeps a slow turn's lease (a third of a lease at a time), but not forever: a turn that hangs for three
        /// more leases lets the conversation go, and its commit is then refused.
        /// </summary>
        public void RenewIfDue()
        {
            if (Volatile.Read(ref _done) == 1 || Environment.TickCount64 - _enteredAt < Options.Lease.TotalMilliseconds / 3)
            {
                return;
            }

            if (Interlocked.Increment(ref _renewals) > 9)
            {
                _store._active.TryRemove(this, out _);
                return;
            }

            _ = RenewAsync();
        }

        private async Task<bool> ExitAsync(byte[] json)
        {
            if (Volatile.Read(ref _done) == 1)
            {
                return false;
            }

            var result = await _database.ScriptEvaluateAsync(ExitScript, new
            {
                leaseKey = _keys.Lease,
                servingKey = _keys.Serving,
                stateKey = _keys.State,
                sinceKey = _keys.Since,
                ticketKey = _keys.Ticket,
                ticketArg = _ticket,
                stateArg = json,
                idleMs = (long)Options.IdleTtl.TotalMilliseconds,
            });

            // Marked done only once the script ran: if Redis failed, disposing tries to let the next turn in again.
            Volatile.Write(ref _done, 1);
            _store._active.TryRemove(this, out _);
            return (long)result == 1;
        }

        private async Task RenewAsync()
        {
            try
            {
                await _database.ScriptEvaluateAsync(RenewScript, new
                {
                    leaseKey = _keys.Lease,
                    ticketArg = _ticket,
                    leaseMs = (long)Options.Lease.TotalMilliseconds,
                });
            }
            catch (RedisException)
            {
                // Renewal is best effort: a lost lease is detected when the turn commits.
            }
        }
    }
}
