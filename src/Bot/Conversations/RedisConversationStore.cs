using Microsoft.Extensions.Logging.Abstractions;
using ServiceBot.Handoff.Redis;
using StackExchange.Redis;

namespace ServiceBot.Bot.Conversations;

/// <summary>
/// Conversation state in Redis with a ticket lock per conversation: each message takes a ticket (INCR) when it
/// arrives and enters when "serving" reaches it, so messages are processed one at a time in arrival order, across
/// every service instance. Entering returns the state in the same script (one round trip); committing writes the
/// state and passes the turn on in one script, fenced by the lease, so a turn whose lease was taken over cannot
/// overwrite a newer one. The lease is renewed while a turn runs.
/// Waiting tickets sit in a sorted set scored by a deadline their waiter keeps pushing forward; when the turn is
/// passed on, every ticket whose waiter missed its deadline (gave up, or its process died) is passed over in the
/// same script, so however many messages a crashed process held, the next live one enters as soon as the crashed
/// turn's lease lapses. The waiter whose turn it is gets woken by pub/sub; the others sleep.
/// All keys of a conversation share one hash tag, so the scripts also run on Redis Cluster.
/// </summary>
public sealed class RedisConversationStore : IConversationStore, IDisposable
{
    private readonly RedisConnection redis;
    private readonly ConversationOptions options;
    private readonly TurnWakeups _wakeups;
    private readonly string _channel;

    // Leases of turns in progress. One timer per store renews the slow ones: a timer per turn cost a tenth of
    // the throughput (timer queue locking), and almost every turn ends long before a renewal is due.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Lease, byte> _active = new();
    private readonly Timer _renewal;

    public RedisConversationStore(RedisConnection redis, ConversationOptions options, ILogger<RedisConversationStore>? logger = null)
    {
        this.redis = redis;
        this.options = options;
        _wakeups = new TurnWakeups(new RoutedChannel(redis, redis.Keys.TurnReleased, logger ?? NullLogger<RedisConversationStore>.Instance));
        _channel = redis.Keys.TurnReleased.ToString();
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

    /// <summary>A waiter must show signs of life within this long, or its ticket is passed over.</summary>
    private TimeSpan WaiterDeadline => options.Lease / 2;

    // Lua shared by the scripts: the time, and the lowest waiting ticket at or after a ticket whose waiter is alive
    // (dead ones are removed on the way).
    private const string Helpers = """
        local function now_ms()
          local t = redis.call('TIME')
          return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        end
        local function next_live(from, nowMs)
          redis.call('ZREMRANGEBYSCORE', @waitersKey, '-inf', nowMs)
          local lowest = false
          for _, member in ipairs(redis.call('ZRANGE', @waitersKey, 0, -1)) do
            local t = tonumber(member)
            if t >= from and (not lowest or t < lowest) then lowest = t end
          end
          return lowest
        end
        -- Passes the turn on after `ticket`: to the next live waiter (woken by name), else to the next ticket taken.
        -- When no later ticket was taken (almost always) nobody can be waiting, and the waiters are not looked at.
        local function pass_turn(ticket)
          local taken = tonumber(redis.call('GET', @ticketKey) or ticket)
          local nextTicket = taken > ticket and next_live(ticket + 1, now_ms())
          if nextTicket then
            redis.call('SET', @servingKey, nextTicket, 'PX', @idleMs)
            redis.call('PUBLISH', @channel, nextTicket .. ' ' .. @conversationArg)
          else
            redis.call('SET', @servingKey, math.max(taken, ticket) + 1, 'PX', @idleMs)
          end
        end

        """;

    // Returns {ticket, entered (1/0), state or false, ms to sleep at most}, or {-1} when another customer owns the
    // conversation (nothing is changed then). Tickets start at 1 (INCR of a missing key); "serving" defaults to 1.
    private static readonly LuaScript EnterScript = LuaScript.Prepare(Helpers + """
        local owner = redis.call('GET', @ownerKey)
        if owner and owner ~= @customerArg then return {-1} end
        local ticket = tonumber(@ticketArg)
        local serving = tonumber(redis.call('GET', @servingKey) or '1')
        if ticket < serving then
          -- A new message, or one whose waiter missed its deadline and was passed over: queue at the end.
          if ticket > 0 then redis.call('ZREM', @waitersKey, ticket) end
          ticket = redis.call('INCR', @ticketKey)
          redis.call('PEXPIRE', @ticketKey, @idleMs)
          if not owner then redis.call('SET', @ownerKey, @customerArg, 'PX', @idleMs) end
        end
        local leaseMs = redis.call('PTTL', @leaseKey)
        if leaseMs < 0 then
          if serving < ticket then
            -- Nobody holds the conversation yet it is not our turn: pass over every ticket nobody waits for.
            local live = next_live(serving, now_ms())
            local first = live and math.min(live, ticket) or ticket
            if first ~= serving then
              serving = first
              redis.call('SET', @servingKey, serving, 'PX', @idleMs)
              if serving ~= ticket then redis.call('PUBLISH', @channel, serving .. ' ' .. @conversationArg) end
            end
          end
          if serving == ticket then
            redis.call('SET', @leaseKey, ticket, 'PX', @leaseMsArg)
            redis.call('ZREM', @waitersKey, ticket)
            return {ticket, 1, redis.call('GET', @stateKey), 0}
          end
        end
        local nowMs = now_ms()
        redis.call('ZADD', @waitersKey, nowMs + tonumber(@deadlineMs), ticket)
        redis.call('PEXPIRE', @waitersKey, @idleMs)
        -- Sleep until the running turn's lease lapses, or until the waiter ahead of us must have shown life.
        local sleep = leaseMs
        if sleep < 0 then
          local ahead = redis.call('ZSCORE', @waitersKey, serving)
          sleep = ahead and (tonumber(ahead) - nowMs) or 0
        end
        return {ticket, 0, false, sleep + 1}
        """);

    // Commits when we hold the lease, or when it lapsed but nobody else entered (serving is still our ticket).
    // Returns 1, or 0 if another turn took the conversation over.
    private static readonly LuaScript ExitScript = LuaScript.Prepare(Helpers + """
        local holder = redis.call('GET', @leaseKey)
        local serving = tonumber(redis.call('GET', @servingKey) or '1')
        local ticket = tonumber(@ticketArg)
        if holder ~= @ticketArg and not (holder == false and serving == ticket) then
          return 0
        end
        if @stateArg ~= '' then
          redis.call('SET', @stateKey, @stateArg, 'PX', @idleMs)
          redis.call('PEXPIRE', @ownerKey, @idleMs)
        end
        redis.call('DEL', @leaseKey)
        pass_turn(ticket)
        redis.call('PEXPIRE', @ticketKey, @idleMs)
        return 1
        """);

    private static readonly LuaScript RenewScript = LuaScript.Prepare("""
        if redis.call('GET', @leaseKey) == @ticketArg then
          return redis.call('PEXPIRE', @leaseKey, @leaseMsArg)
        end
        return 0
        """);

    // A waiter that gives up: it stops waiting, and if it was being served, passes the turn on.
    private static readonly LuaScript LeaveScript = LuaScript.Prepare(Helpers + """
        local ticket = tonumber(@ticketArg)
        redis.call('ZREM', @waitersKey, ticket)
        local serving = tonumber(redis.call('GET', @servingKey) or '1')
        if serving == ticket and redis.call('EXISTS', @leaseKey) == 0 then
          pass_turn(ticket)
        end
        return 1
        """);

    public async Task<ConversationLease> EnterAsync(string conversationId, string customerId, CancellationToken cancellationToken = default)
    {
        var keys = redis.Keys.Conversation(conversationId);
        var database = await redis.DatabaseAsync();
        long ticket = 0;
        TurnWakeups.Listener? listener = null;
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
                    ownerKey = keys.Owner,
                    waitersKey = keys.Waiters,
                    ticketArg = ticket,
                    customerArg = customerId,
                    leaseMsArg = (long)options.Lease.TotalMilliseconds,
                    deadlineMs = (long)WaiterDeadline.TotalMilliseconds,
                    idleMs = (long)options.IdleTtl.TotalMilliseconds,
                    channel = _channel,
                    conversationArg = conversationId,
                }))!;
                ticket = (long)result[0];
                if (ticket < 0)
                {
                    throw new ConversationAccessDeniedException(conversationId, customerId);
                }

                if ((long)result[1] == 1)
                {
                    var json = result[2].IsNull ? default : (byte[])result[2]!;
                    return new Lease(this, conversationId, StateSerializer.Deserialize(json), database, keys, ticket);
                }

                if (listener?.Ticket != ticket)
                {
                    // First wait (or re-queued): listen, then look once more, so a release in between is not missed.
                    listener?.Dispose();
                    listener = await _wakeups.ListenAsync(conversationId, ticket);
                    continue;
                }

                // Woken when our turn comes; the timer only keeps our deadline fresh and notices a crashed turn.
                var sleep = TimeSpan.FromMilliseconds(Math.Clamp((long)result[3], 1, (long)(WaiterDeadline / 3).TotalMilliseconds));
                await listener.WaitAsync(sleep, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (ticket > 0)
        {
            await LeaveAsync(database, keys, conversationId, ticket);
            if (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"conversation {conversationId}: waited {options.Lease * 6} for the turns before this message");
            }

            throw;
        }
        catch (Exception e) when (ticket > 0 && e is RedisException or TimeoutException)
        {
            // Redis failed while we waited: try to step out of the queue now rather than leave the ticket to lapse.
            try
            {
                await LeaveAsync(database, keys, conversationId, ticket);
            }
            catch (Exception again) when (again is RedisException or TimeoutException)
            {
                // Our deadline lapses within half a lease and the ticket is passed over then.
            }

            throw;
        }
        finally
        {
            listener?.Dispose();
        }
    }

    public async Task<ConversationState> PeekAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var database = await redis.DatabaseAsync();
        var json = await database.StringGetAsync(redis.Keys.Conversation(conversationId).State);
        return StateSerializer.Deserialize(json.IsNull ? default : (byte[])json!);
    }

    private Task<RedisResult> LeaveAsync(IDatabase database, ConversationKeys keys, string conversationId, long ticket) =>
        database.ScriptEvaluateAsync(LeaveScript, new
        {
            servingKey = keys.Serving,
            leaseKey = keys.Lease,
            waitersKey = keys.Waiters,
            ticketKey = keys.Ticket,
            ticketArg = ticket,
            idleMs = (long)options.IdleTtl.TotalMilliseconds,
            channel = _channel,
            conversationArg = conversationId,
        });

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
            try
            {
                if (Volatile.Read(ref _done) == 0)
                {
                    await ExitAsync([]);
                }
            }
            finally
            {
                // Even when Redis failed to let the next turn in: stop renewing, so the lease lapses within one period.
                Volatile.Write(ref _done, 1);
                _store._active.TryRemove(this, out _);
            }
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
                ownerKey = _keys.Owner,
                waitersKey = _keys.Waiters,
                ticketKey = _keys.Ticket,
                ticketArg = _ticket,
                stateArg = json,
                idleMs = (long)Options.IdleTtl.TotalMilliseconds,
                channel = _store._channel,
                conversationArg = ConversationId,
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
                    leaseMsArg = (long)Options.Lease.TotalMilliseconds,
                });
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                // Renewal is best effort: a lost lease is detected when the turn commits.
            }
        }
    }
}
