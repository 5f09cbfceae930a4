"""The Lua scripts of the shared run registry: each one a check and its write, done atomically in Redis.

A claim's value is its token, `<run id>@<replica id>`; every write that belongs to a run first checks that the
thread's claim still holds that token, so a replica that lost its claim (paused, cut off, too slow) never frees,
extends or writes into someone else's run.
"""

from __future__ import annotations

# KEYS: claim, last, events. ARGV: token, lease ms, keep ms. 1 when the claim was still ours and was extended.
RENEW = """
if redis.call('get', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('pexpire', KEYS[1], ARGV[2])
if redis.call('get', KEYS[2]) == ARGV[1] then
  redis.call('pexpire', KEYS[2], ARGV[3])
  redis.call('pexpire', KEYS[3], ARGV[3])
end
return 1
"""

# KEYS: claim. ARGV: token. Frees a claim only if it is still ours (a hold, or a run that never started).
RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0
"""

# KEYS: claim, events. ARGV: token, max events, kind, data. The new entry's id; nil once the claim is lost.
PUBLISH = """
if redis.call('get', KEYS[1]) ~= ARGV[1] then return false end
return redis.call('xadd', KEYS[2], 'MAXLEN', '~', ARGV[2], '*', 'kind', ARGV[3], 'data', ARGV[4])
"""

# Ends a run's stream once: the run's own end ("finish", by its replica), or the end of a run whose claim is gone
# before it ended ("check", by any reader: it writes the lost-run error first).
# KEYS: claim, events, last. ARGV: token, keep ms, mode, lost error data.
# Returns 0: the run still holds its claim (check), 1: the stream is ended now, 2: nothing is known of the run.
END = """
local mine = redis.call('get', KEYS[1]) == ARGV[1]
if ARGV[3] == 'check' and mine then return 0 end
local current = redis.call('get', KEYS[3]) == ARGV[1]
if redis.call('exists', KEYS[2]) == 0 and not current and not mine then return 2 end
local tail = redis.call('xrevrange', KEYS[2], '+', '-', 'COUNT', 1)
local ended = tail[1] ~= nil and tail[1][2][2] == 'end'
if not ended then
  if not mine then redis.call('xadd', KEYS[2], '*', 'kind', 'error', 'data', ARGV[4]) end
  redis.call('xadd', KEYS[2], '*', 'kind', 'end', 'data', '')
end
if mine then redis.call('del', KEYS[1]) end
redis.call('pexpire', KEYS[2], ARGV[2])
if current then redis.call('pexpire', KEYS[3], ARGV[2]) end
return 1
"""
