/**
 * The Lua scripts the backend and the lease manager run (`EVALSHA`, loaded on first use by ioredis).
 * Each runs atomically in Redis; every key it touches is passed in KEYS and carries its namespace's hash
 * tag, so a script stays on one Cluster slot.
 */

/**
 * The store batches of one namespace queued in one event-loop turn (a group commit: one script run, one
 * round trip). ARGV: the batch count; then per batch: the fence value its lease key must hold ('' for an
 * unfenced batch), its op count, how many ARGV entries its ops take, then per op: `set` | `nx` | `merge` |
 * `del`, the absolute expiry in epoch ms or '', and its payload: for `set`/`nx` a kind (`s`: JSON text,
 * `h`: field count and field/JSON pairs), for `merge` a field count and field/JSON pairs ('' removes the
 * field). KEYS: per batch, its lease key when fenced, then one key per op. Plain objects are hashes (a `#`
 * marker field keeps an empty one), anything else a string; so `merge` never has to parse JSON in Lua.
 * Returns one string per batch: a `1`/`0` per op (`0`: `nx` found a value), or `!` and why the whole batch
 * was refused (`SWB_STATE_FENCED`: its lease is no longer held as its fence says); a refused batch writes
 * nothing and the others are applied all the same.
 */
export const batchScript = `
local a = 2
local k = 1
local results = {}
for b = 1, tonumber(ARGV[1]) do
  local fence, n, width = ARGV[a], tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2])
  a = a + 3
  local refused = nil
  if fence ~= '' then
    if redis.call('GET', KEYS[k]) ~= fence then
      refused = '!SWB_STATE_FENCED the lease ' .. KEYS[k] .. ' is no longer held as ' .. fence
    end
    k = k + 1
  end
  if refused then
    results[b] = refused
    a = a + width
    k = k + n
  else
    local applied = {}
    for i = 1, n do
      local op, at, key = ARGV[a], ARGV[a + 1], KEYS[k]
      a = a + 2
      k = k + 1
      if op == 'set' or op == 'nx' then
        local kind = ARGV[a]
        a = a + 1
        if kind == 's' then
          local args = {'SET', key, ARGV[a]}
          a = a + 1
          if op == 'nx' then args[#args + 1] = 'NX' end
          if at ~= '' then
            args[#args + 1] = 'PXAT'
            args[#args + 1] = at
          end
          if redis.call(unpack(args)) then applied[i] = '1' else applied[i] = '0' end
        else
          local nf = tonumber(ARGV[a])
          a = a + 1
          if op == 'nx' and redis.call('EXISTS', key) == 1 then
            applied[i] = '0'
          else
            redis.call('DEL', key)
            local args = {'HSET', key, '#', ''}
            for f = 0, nf - 1 do
              args[#args + 1] = ARGV[a + 2 * f]
              args[#args + 1] = ARGV[a + 2 * f + 1]
            end
            redis.call(unpack(args))
            if at ~= '' then redis.call('PEXPIREAT', key, at) end
            applied[i] = '1'
          end
          a = a + 2 * nf
        end
      elseif op == 'merge' then
        local nf = tonumber(ARGV[a])
        a = a + 1
        local keep = -1
        if redis.call('TYPE', key).ok ~= 'hash' then
          keep = redis.call('PEXPIRETIME', key)
          redis.call('DEL', key)
        end
        local args = {'HSET', key, '#', ''}
        local gone = {'HDEL', key}
        for f = 0, nf - 1 do
          local name, text = ARGV[a + 2 * f], ARGV[a + 2 * f + 1]
          if text == '' then
            gone[#gone + 1] = name
          else
            args[#args + 1] = name
            args[#args + 1] = text
          end
        end
        redis.call(unpack(args))
        if #gone > 2 then redis.call(unpack(gone)) end
        if at ~= '' then
          redis.call('PEXPIREAT', key, at)
        elseif keep > 0 then
          redis.call('PEXPIREAT', key, keep)
        end
        a = a + 2 * nf
        applied[i] = '1'
      else
        redis.call('DEL', key)
        applied[i] = '1'
      end
    end
    results[b] = table.concat(applied)
  end
end
return results
`;

/** One value, whichever way it is kept: `{'s', text}`, `{'h', field, value, …}` or nil. */
export const readScript = `
local t = redis.call('TYPE', KEYS[1]).ok
if t == 'string' then return {'s', redis.call('GET', KEYS[1])} end
if t == 'hash' then
  local reply = redis.call('HGETALL', KEYS[1])
  table.insert(reply, 1, 'h')
  return reply
end
return false
`;

/**
 * Takes a free lease: KEYS lease, fence counter; ARGV node, TTL ms. The fence is drawn only when the lease
 * is free, so it grows by one per holder. Returns the fence, or 0 when someone holds the lease.
 */
export const acquireScript = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local fence = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], ARGV[1] .. '/' .. fence, 'PX', ARGV[2])
return fence
`;

/** Extends a lease only while it still holds our `<node>/<fence>`: 1, else 0 (lost). */
export const renewScript = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;

/** Deletes a lease only while it still holds our `<node>/<fence>` (never another node's). */
export const releaseScript = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;
