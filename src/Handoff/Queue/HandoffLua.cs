namespace ServiceBot.Handoff.Queue;

/// <summary>
/// The Lua of every queue and assignment change: one script per change, so a conversation moves between the queue,
/// an agent's chats and its record atomically, whichever instance runs it.
/// Every script gets ARGV[1] the key root (HandoffKeys.Root, ending in the {handoff} hash tag), ARGV[2] now (unix
/// ms, from the caller's TimeProvider), ARGV[3] the record TTL (ms), ARGV[4] the sample cap, ARGV[5] the presence
/// timeout (ms); its own arguments follow from ARGV[6]. Keys it only finds while running are built from the root,
/// so they share the hash tag (one cluster slot); keys the caller knows come in KEYS.
/// Owner record fields: k kind, a agent, s since, q queued at, t trigger, e evidence, sk skill, p priority band,
/// l language, cu customer, o offline. Mutating scripts return {outcome, id, agent, position, load, changes}
/// where each change is {id, kind, agent, from agent, position}.
/// </summary>
internal static class HandoffLua
{
    private const string Prelude = """
        local root, now, ttl = ARGV[1], tonumber(ARGV[2]), ARGV[3]
        local samples, presence_ms = tonumber(ARGV[4]), tonumber(ARGV[5])
        local presence_key, offers_key = root .. 'presence', root .. 'offers'
        local function owner_key(id) return root .. 'owner:' .. id end
        local function chats_key(login) return root .. 'chats:' .. login end
        local function agent_key(login) return root .. 'agent:' .. login end
        local function waiting_key(skill) return root .. 'waiting:' .. skill end
        local function has_skill(skills, skill) return string.find(',' .. skills .. ',', ',' .. skill .. ',', 1, true) ~= nil end
        -- The band first; within it, conversations put back at the front (+0) before the others (+5e12), each by time.
        -- Exact in a double: 3e13 + 5e12 + unix ms stays far below 2^53.
        local function score(band, front) return tonumber(band) * 1e13 + (front and 0 or 5e12) + now end
        local function rank(skill, id) local r = redis.call('ZRANK', waiting_key(skill), id) return r and r + 1 or 0 end
        local function result(outcome, id, agent, position, load, changes)
          return {outcome, id or '', agent or '', position or 0, load or 0, changes or {}}
        end
        local function change(id, kind, agent, from, position) return {id, kind, agent or '', from or '', position or 0} end
        local function push_sample(key, value)
          if redis.call('LPUSH', key, value) > samples then redis.call('LTRIM', key, 0, samples - 1) end
        end
        -- The agent's chats. Counted by SCARD; only when that says full are members whose record expired or moved
        -- dropped, so a lost record cannot block an agent forever and the usual claim pays nothing for it.
        local function load_of(login, cap)
          local chats = chats_key(login)
          local n = redis.call('SCARD', chats)
          if n < cap then return n end
          for _, id in ipairs(redis.call('SMEMBERS', chats)) do
            local f = redis.call('HMGET', owner_key(id), 'k', 'a')
            if f[2] ~= login or (f[1] ~= 'agent' and f[1] ~= 'offered') then redis.call('SREM', chats, id) end
          end
          return redis.call('SCARD', chats)
        end
        -- Back to waiting, ahead of everyone of its band; the caller has taken it out of the agent's chats.
        local function requeue_front(id)
          local o = owner_key(id)
          local f = redis.call('HMGET', o, 'sk', 'p')
          if not f[1] then return 0 end
          redis.call('HSET', o, 'k', 'queued', 's', now, 'q', now)
          redis.call('HDEL', o, 'a')
          redis.call('PEXPIRE', o, ttl)
          redis.call('ZREM', offers_key, id)
          redis.call('ZADD', waiting_key(f[1]), score(f[2], true), id)
          return rank(f[1], id)
        end
        local function assign(id, login, skill, queued_at)
          local o = owner_key(id)
          redis.call('HSET', o, 'k', 'agent', 'a', login, 's', now)
          redis.call('PEXPIRE', o, ttl)
          redis.call('SADD', chats_key(login), id)
          push_sample(root .. 'waits:' .. skill, now - tonumber(queued_at))
        end
        -- Every chat and offer of an agent that is gone goes back to the front.
        local function release(login, changes)
          local chats = chats_key(login)
          for _, id in ipairs(redis.call('SMEMBERS', chats)) do
            local f = redis.call('HMGET', owner_key(id), 'k', 'a')
            if f[2] == login and (f[1] == 'agent' or f[1] == 'offered') then
              changes[#changes + 1] = change(id, 'queued', '', login, requeue_front(id))
            end
          end
          redis.call('DEL', chats)
          redis.call('ZREM', presence_key, login)
        end
        -- An agent may only act on a conversation it owns.
        local function refuse_unless_owner(f, login, id)
          if not f[1] then return result('NotFound', id, login) end
          if f[1] ~= 'agent' or f[2] ~= login then return result('NotOwner', id, login) end
          return nil
        end

        """;

    /// <summary>KEYS owner, waiting line. ARGV id, max waiting, trigger, evidence, skill, band, language, customer, offline.</summary>
    public const string Enqueue = Prelude + """
        local id = ARGV[6]
        local f = redis.call('HMGET', KEYS[1], 'k', 'a', 'sk')
        if f[1] == 'queued' and f[3] then
          local p = rank(f[3], id)
          if p > 0 then return result('Ok', id, '', p) end
        elseif f[1] == 'offered' or f[1] == 'agent' then
          return result('Ok', id, f[2])
        end
        if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[7]) then return result('QueueFull', id) end
        redis.call('DEL', KEYS[1])
        redis.call('HSET', KEYS[1], 'k', 'queued', 's', now, 'q', now, 't', ARGV[8], 'e', ARGV[9], 'sk', ARGV[10],
          'p', ARGV[11], 'l', ARGV[12], 'cu', ARGV[13], 'o', ARGV[14])
        redis.call('PEXPIRE', KEYS[1], ttl)
        redis.call('ZADD', KEYS[2], score(ARGV[11], false), id)
        local p = rank(ARGV[10], id)
        return result('Ok', id, '', p, 0, {change(id, 'queued', '', '', p)})
        """;

    /// <summary>KEYS owner. ARGV id.</summary>
    public const string Cancel = Prelude + """
        local id = ARGV[6]
        local f = redis.call('HMGET', KEYS[1], 'k', 'a', 'sk')
        if not f[1] then return result('NotFound', id) end
        local from = ''
        if f[1] == 'queued' then
          redis.call('ZREM', waiting_key(f[3]), id)
        elseif f[1] == 'offered' then
          redis.call('ZREM', offers_key, id)
          redis.call('SREM', chats_key(f[2]), id)
          from = f[2]
        else
          return result('NotWaiting', id, f[2])
        end
        redis.call('DEL', KEYS[1])
        return result('Ok', id, '', 0, 0, {change(id, 'bot', '', from, 0)})
        """;

    /// <summary>
    /// Read only. KEYS owner. ARGV id. Returns {kind, position, handling sum, handling count, waiting sum, waiting
    /// count, capacity of the online agents with the skill}.
    /// </summary>
    public const string Position = Prelude + """
        local f = redis.call('HMGET', KEYS[1], 'k', 'sk')
        if f[1] ~= 'queued' then return {f[1] or 'bot', 0, 0, 0, 0, 0, 0} end
        local function total(key)
          local sum, n = 0, 0
          for _, v in ipairs(redis.call('LRANGE', key, 0, -1)) do sum, n = sum + tonumber(v), n + 1 end
          return sum, n
        end
        local hsum, hn = total(root .. 'handling:' .. f[2])
        local wsum, wn = total(root .. 'waits:' .. f[2])
        local slots = 0
        for _, login in ipairs(redis.call('ZRANGEBYSCORE', presence_key, '(' .. ARGV[2], '+inf')) do
          local a = redis.call('HMGET', agent_key(login), 'skills', 'cap')
          if a[1] and has_skill(a[1], f[2]) then slots = slots + tonumber(a[2]) end
        end
        return {'queued', rank(f[2], ARGV[6]), hsum, hn, wsum, wn, slots}
        """;

    /// <summary>
    /// Read only. KEYS the first skill's line. ARGV limit, skills. Returns per waiting conversation
    /// {id, score, position, queued at, trigger, band, language, offline, skill}, each line in order.
    /// </summary>
    public const string List = Prelude + """
        local out = {}
        for i = 7, #ARGV do
          local skill = ARGV[i]
          local members = redis.call('ZRANGE', waiting_key(skill), 0, tonumber(ARGV[6]) - 1, 'WITHSCORES')
          for j = 1, #members, 2 do
            local f = redis.call('HMGET', owner_key(members[j]), 'k', 'q', 't', 'p', 'l', 'o')
            if f[1] == 'queued' then
              out[#out + 1] = {members[j], members[j + 1], (j + 1) / 2, f[2], f[3], f[4], f[5], f[6], skill}
            end
          end
        end
        return out
        """;

    /// <summary>KEYS agent, its chats. ARGV login. Takes the best waiting conversation among the agent's skills.</summary>
    public const string Claim = Prelude + """
        local login = ARGV[6]
        local a = redis.call('HMGET', KEYS[1], 'skills', 'cap')
        if not a[1] then return result('UnknownAgent', '', login) end
        local cap = tonumber(a[2])
        local load = load_of(login, cap)
        if load >= cap then return result('AtCapacity', '', login, 0, load) end
        redis.call('ZADD', presence_key, now + presence_ms, login)
        local lines = {}
        for skill in string.gmatch(a[1], '[^,]+') do lines[#lines + 1] = skill end
        -- Each pass drops one member; members whose record expired are dropped here, a bounded number per claim.
        for _ = 1, 1000 do
          local best, best_score, best_skill
          for _, skill in ipairs(lines) do
            local top = redis.call('ZRANGE', waiting_key(skill), 0, 0, 'WITHSCORES')
            if top[1] and (not best or tonumber(top[2]) < best_score) then
              best, best_score, best_skill = top[1], tonumber(top[2]), skill
            end
          end
          if not best then break end
          redis.call('ZREM', waiting_key(best_skill), best)
          local f = redis.call('HMGET', owner_key(best), 'k', 'q')
          if f[1] == 'queued' then
            assign(best, login, best_skill, f[2])
            return result('Ok', best, login, 0, load + 1, {change(best, 'agent', login, '', 0)})
          end
        end
        return result('Empty', '', login, 0, load)
        """;

    /// <summary>KEYS owner. ARGV id, offer timeout (ms). Offers it to the least-loaded online agent with the skill and room.</summary>
    public const string Offer = Prelude + """
        local id = ARGV[6]
        local f = redis.call('HMGET', KEYS[1], 'k', 'sk')
        if not f[1] then return result('NotFound', id) end
        if f[1] ~= 'queued' then return result('NotWaiting', id) end
        local best, best_load
        for _, login in ipairs(redis.call('ZRANGEBYSCORE', presence_key, '(' .. ARGV[2], '+inf')) do
          local a = redis.call('HMGET', agent_key(login), 'skills', 'cap')
          if a[1] and has_skill(a[1], f[2]) then
            local load = load_of(login, tonumber(a[2]))
            if load < tonumber(a[2]) and (not best or load < best_load) then best, best_load = login, load end
          end
        end
        if not best then return result('NoAgentAvailable', id) end
        redis.call('ZREM', waiting_key(f[2]), id)
        redis.call('HSET', KEYS[1], 'k', 'offered', 'a', best, 's', now)
        redis.call('PEXPIRE', KEYS[1], ttl)
        redis.call('SADD', chats_key(best), id)
        redis.call('ZADD', offers_key, now + tonumber(ARGV[7]), id)
        return result('Ok', id, best, 0, best_load + 1, {change(id, 'offered', best, '', 0)})
        """;

    /// <summary>KEYS owner, agent, its chats. ARGV login, id. Accepts an offer made to the agent, or a waiting conversation.</summary>
    public const string Accept = Prelude + """
        local login, id = ARGV[6], ARGV[7]
        local f = redis.call('HMGET', KEYS[1], 'k', 'a', 'sk', 'q')
        if not f[1] then return result('NotFound', id, login) end
        local a = redis.call('HMGET', KEYS[2], 'skills', 'cap')
        if not a[1] then return result('UnknownAgent', id, login) end
        if f[1] == 'agent' then
          if f[2] == login then return result('Ok', id, login, 0, redis.call('SCARD', KEYS[3])) end
          return result('Taken', id, f[2])
        elseif f[1] == 'offered' then
          if f[2] ~= login then return result('Taken', id, f[2]) end
          redis.call('ZREM', offers_key, id)
        else
          if not has_skill(a[1], f[3]) then return result('MissingSkill', id, login) end
          local load = load_of(login, tonumber(a[2]))
          if load >= tonumber(a[2]) then return result('AtCapacity', id, login, 0, load) end
          redis.call('ZREM', waiting_key(f[3]), id)
        end
        redis.call('ZADD', presence_key, now + presence_ms, login)
        assign(id, login, f[3], f[4])
        return result('Ok', id, login, 0, redis.call('SCARD', KEYS[3]), {change(id, 'agent', login, '', 0)})
        """;

    /// <summary>KEYS owner, agent's chats. ARGV login, id. The offered agent says no: back to the front.</summary>
    public const string Decline = Prelude + """
        local login, id = ARGV[6], ARGV[7]
        local f = redis.call('HMGET', KEYS[1], 'k', 'a')
        if not f[1] then return result('NotFound', id, login) end
        if f[1] ~= 'offered' or f[2] ~= login then return result('NotOwner', id, login) end
        redis.call('SREM', KEYS[2], id)
        local p = requeue_front(id)
        return result('Ok', id, login, p, redis.call('SCARD', KEYS[2]), {change(id, 'queued', '', login, p)})
        """;

    /// <summary>KEYS owner, from's chats, target agent, target's chats. ARGV from, id, target.</summary>
    public const string TransferToAgent = Prelude + """
        local from, id, to = ARGV[6], ARGV[7], ARGV[8]
        local f = redis.call('HMGET', KEYS[1], 'k', 'a')
        local refused = refuse_unless_owner(f, from, id)
        if refused then return refused end
        if to == from then return result('Ok', id, from, 0, redis.call('SCARD', KEYS[2])) end
        local a = redis.call('HMGET', KEYS[3], 'skills', 'cap')
        if not a[1] then return result('UnknownAgent', id, to) end
        if (tonumber(redis.call('ZSCORE', presence_key, to)) or 0) <= now then return result('AgentOffline', id, to) end
        local load = load_of(to, tonumber(a[2]))
        if load >= tonumber(a[2]) then return result('AtCapacity', id, to, 0, load) end
        redis.call('SREM', KEYS[2], id)
        redis.call('SADD', KEYS[4], id)
        redis.call('HSET', KEYS[1], 'a', to, 's', now)
        redis.call('PEXPIRE', KEYS[1], ttl)
        return result('Ok', id, to, 0, redis.call('SCARD', KEYS[2]), {change(id, 'agent', to, from, 0)})
        """;

    /// <summary>KEYS owner, from's chats. ARGV from, id, skill. Back into the queue, at the front of that skill's line.</summary>
    public const string TransferToSkill = Prelude + """
        local from, id = ARGV[6], ARGV[7]
        local f = redis.call('HMGET', KEYS[1], 'k', 'a')
        local refused = refuse_unless_owner(f, from, id)
        if refused then return refused end
        redis.call('SREM', KEYS[2], id)
        redis.call('HSET', KEYS[1], 'sk', ARGV[8])
        local p = requeue_front(id)
        return result('Ok', id, '', p, redis.call('SCARD', KEYS[2]), {change(id, 'queued', '', from, p)})
        """;

    /// <summary>KEYS owner, from's chats. ARGV from, id.</summary>
    public const string ReturnToBot = Prelude + """
        local from, id = ARGV[6], ARGV[7]
        local refused = refuse_unless_owner(redis.call('HMGET', KEYS[1], 'k', 'a'), from, id)
        if refused then return refused end
        redis.call('SREM', KEYS[2], id)
        redis.call('DEL', KEYS[1])
        return result('Ok', id, from, 0, redis.call('SCARD', KEYS[2]), {change(id, 'bot', '', from, 0)})
        """;

    /// <summary>KEYS owner, from's chats, resolution. ARGV from, id, disposition, note, resolution TTL (ms).</summary>
    public const string Resolve = Prelude + """
        local from, id = ARGV[6], ARGV[7]
        local f = redis.call('HMGET', KEYS[1], 'k', 'a', 's', 'sk', 't')
        local refused = refuse_unless_owner(f, from, id)
        if refused then return refused end
        local handled = now - tonumber(f[3])
        push_sample(root .. 'handling:' .. f[4], handled)
        redis.call('HSET', KEYS[3], 'agent', from, 'disposition', ARGV[8], 'note', ARGV[9], 'at', now, 'handled', handled,
          'skill', f[4], 'trigger', f[5])
        redis.call('PEXPIRE', KEYS[3], ARGV[10])
        redis.call('SREM', KEYS[2], id)
        redis.call('DEL', KEYS[1])
        return result('Ok', id, from, 0, redis.call('SCARD', KEYS[2]), {change(id, 'bot', '', from, 0)})
        """;

    /// <summary>KEYS agent. ARGV skills (comma separated), capacity, agent TTL (ms).</summary>
    public const string Declare = Prelude + """
        redis.call('HSET', KEYS[1], 'skills', ARGV[6], 'cap', ARGV[7])
        redis.call('PEXPIRE', KEYS[1], ARGV[8])
        return result('Ok')
        """;

    /// <summary>KEYS agent. ARGV login, agent TTL (ms). Only a declared agent becomes present.</summary>
    public const string Heartbeat = Prelude + """
        local login = ARGV[6]
        if redis.call('EXISTS', KEYS[1]) == 0 then return result('UnknownAgent', '', login) end
        redis.call('PEXPIRE', KEYS[1], ARGV[7])
        redis.call('ZADD', presence_key, now + presence_ms, login)
        return result('Ok', '', login, 0, redis.call('SCARD', chats_key(login)))
        """;

    /// <summary>KEYS agent's chats. ARGV login. The agent leaves: its chats and offers go back to the front.</summary>
    public const string SignOut = Prelude + """
        local changes = {}
        release(ARGV[6], changes)
        return result('Ok', '', ARGV[6], 0, 0, changes)
        """;

    /// <summary>
    /// KEYS presence, offers. ARGV batch, skills. Silent agents' chats and lapsed offers back to the front; waiting
    /// members whose record must have expired (waiting longer than the TTL) out of the lines.
    /// </summary>
    public const string Sweep = Prelude + """
        local changes = {}
        local batch = tonumber(ARGV[6])
        for _, login in ipairs(redis.call('ZRANGEBYSCORE', presence_key, '-inf', ARGV[2], 'LIMIT', 0, batch)) do
          release(login, changes)
        end
        for _, id in ipairs(redis.call('ZRANGEBYSCORE', offers_key, '-inf', ARGV[2], 'LIMIT', 0, batch)) do
          local f = redis.call('HMGET', owner_key(id), 'k', 'a')
          redis.call('ZREM', offers_key, id)
          if f[1] == 'offered' then
            redis.call('SREM', chats_key(f[2]), id)
            changes[#changes + 1] = change(id, 'queued', '', f[2], requeue_front(id))
          end
        end
        -- A member's score holds the time its record was last written (it expires TTL later).
        local expired = now - tonumber(ttl)
        for i = 7, #ARGV do
          for band = 0, 3 do
            redis.call('ZREMRANGEBYSCORE', waiting_key(ARGV[i]), band * 1e13, band * 1e13 + expired)
            redis.call('ZREMRANGEBYSCORE', waiting_key(ARGV[i]), band * 1e13 + 5e12, band * 1e13 + 5e12 + expired)
          end
        end
        return result('Ok', '', '', 0, 0, changes)
        """;
}
