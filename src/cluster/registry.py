"""The cluster's record of live browsers in Redis: one entry per account, LRU order, reservations for logins."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from typing import Any

import redis

# Reserve room for one login: refused while the owner is at its cap or the pool (live + reserved) is full.
# Reservations carry an expiry so a replica that crashed mid-login does not hold room for ever.
_RESERVE = """
local now_t = redis.call('TIME')
local now = tonumber(now_t[1]) * 1000 + math.floor(tonumber(now_t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
local owner, size, per_owner = ARGV[1], tonumber(ARGV[3]), tonumber(ARGV[4])
local mine = 0
for _, who in ipairs(redis.call('HVALS', KEYS[2])) do if who == owner then mine = mine + 1 end end
for _, member in ipairs(redis.call('ZRANGE', KEYS[3], 0, -1)) do
  if string.sub(member, 1, #owner + 1) == owner .. '\\n' then mine = mine + 1 end
end
if per_owner > 0 and mine >= per_owner then return 'owner_full' end
if redis.call('ZCARD', KEYS[1]) + redis.call('ZCARD', KEYS[3]) >= size then return 'full' end
redis.call('ZADD', KEYS[3], now + tonumber(ARGV[5]), owner .. '\\n' .. ARGV[2])
return 'ok'
"""


@dataclass(frozen=True)
class RegisteredBrowser:
    """One live portal session as every replica sees it (never a password or captcha key)."""

    account_key: str
    portal_session_id: str
    webdriver_session_id: str
    grid_url: str
    owner: str
    credentials_fingerprint: str
    created_at: float
    last_used_at: float
    kept_alive_at: float = 0.0


class BrowserRegistry:
    """Entries, LRU order (a sorted set by last use), an index by portal session id, and login reservations."""

    def __init__(self, client: redis.Redis, prefix: str) -> None:
        self._redis = client
        self._prefix = prefix
        self._lru = f"{prefix}:lru"
        self._owners = f"{prefix}:owners"
        self._ids = f"{prefix}:portal-session-ids"
        self._reservations = f"{prefix}:reservations"
        self._reserve = client.register_script(_RESERVE)

    def _entry_key(self, account_key: str) -> str:
        return f"{self._prefix}:browser:{account_key}"

    def get(self, account_key: str) -> RegisteredBrowser | None:
        """The account's live browser, if the cluster has one."""
        raw = self._redis.hgetall(self._entry_key(account_key))
        if not raw:
            return None
        values = {_text(k): _text(v) for k, v in raw.items()}
        return RegisteredBrowser(
            account_key=values["account_key"], portal_session_id=values["portal_session_id"],
            webdriver_session_id=values["webdriver_session_id"], grid_url=values["grid_url"],
            owner=values["owner"], credentials_fingerprint=values["credentials_fingerprint"],
            created_at=float(values["created_at"]), last_used_at=float(values["last_used_at"]),
            kept_alive_at=float(values.get("kept_alive_at", 0.0)),
        )

    def account_of(self, portal_session_id: str) -> str | None:
        """The account whose live browser carries this portal session id."""
        found = self._redis.hget(self._ids, portal_session_id)
        return None if found is None else _text(found)

    def put(self, entry: RegisteredBrowser, *, reservation: str = "", replaces: str = "") -> None:
        """Save the account's browser (taking the place of its reservation, or of portal session `replaces`)."""
        pipe = self._redis.pipeline(transaction=True)
        pipe.hset(self._entry_key(entry.account_key), mapping={k: str(v) for k, v in asdict(entry).items()})
        pipe.zadd(self._lru, {entry.account_key: entry.last_used_at})
        pipe.hset(self._owners, entry.account_key, entry.owner)
        if replaces and replaces != entry.portal_session_id:
            pipe.hdel(self._ids, replaces)
        pipe.hset(self._ids, entry.portal_session_id, entry.account_key)
        if reservation:
            pipe.zrem(self._reservations, f"{entry.owner}\n{reservation}")
        pipe.execute()

    def touch(self, account_key: str, when: float | None = None) -> None:
        """Mark the account's browser used now (moves it to the end of the LRU order)."""
        now = time.time() if when is None else when
        pipe = self._redis.pipeline(transaction=True)
        pipe.zadd(self._lru, {account_key: now}, xx=True)
        pipe.hset(self._entry_key(account_key), "last_used_at", str(now))
        pipe.execute()

    def mark_kept_alive(self, account_key: str) -> None:
        """Note a keep-alive visit (it keeps the login warm; the LRU order stays that of real use)."""
        self._redis.hset(self._entry_key(account_key), "kept_alive_at", str(time.time()))

    def remove(self, entry: RegisteredBrowser) -> None:
        """Forget the account's browser (the caller holds the account's lock)."""
        pipe = self._redis.pipeline(transaction=True)
        pipe.delete(self._entry_key(entry.account_key))
        pipe.zrem(self._lru, entry.account_key)
        pipe.hdel(self._owners, entry.account_key)
        pipe.hdel(self._ids, entry.portal_session_id)
        pipe.execute()

    def lru_accounts(self) -> list[str]:
        """Every account with a live browser, least recently used first."""
        return [_text(a) for a in self._redis.zrange(self._lru, 0, -1)]

    def entries(self) -> list[RegisteredBrowser]:
        """Every live browser, least recently used first."""
        return [e for e in (self.get(a) for a in self.lru_accounts()) if e is not None]

    def live_count(self) -> int:
        """How many browsers the cluster keeps."""
        return int(self._redis.zcard(self._lru))

    def reserve(self, *, owner: str, token: str, pool_size: int, per_owner_limit: int, ttl_seconds: float) -> str:
        """Room for one login: 'ok', 'full' (the pool) or 'owner_full' (the owner's cap)."""
        result = self._reserve(keys=[self._lru, self._owners, self._reservations],
                               args=[owner, token, pool_size, per_owner_limit, int(ttl_seconds * 1000)])
        return _text(result)

    def release_reservation(self, *, owner: str, token: str) -> None:
        """Give back room reserved for a login that did not happen."""
        self._redis.zrem(self._reservations, f"{owner}\n{token}")


def _text(value: Any) -> str:
    """A Redis reply as text, whether or not the client decodes responses."""
    return value.decode() if isinstance(value, bytes) else str(value)
