"""Redis leases: a fair lock per browser shared by every replica, and one leader at a time for a chore."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import redis

# Waiters queue in arrival order; a waiter that stops polling (a crashed replica) drops out of the queue.
_ACQUIRE = """
local now_t = redis.call('TIME')
local now = tonumber(now_t[1]) * 1000 + math.floor(tonumber(now_t[2]) / 1000)
local expiries = redis.call('HGETALL', KEYS[3])
for i = 1, #expiries, 2 do
  if tonumber(expiries[i + 1]) < now then
    redis.call('ZREM', KEYS[2], expiries[i])
    redis.call('HDEL', KEYS[3], expiries[i])
  end
end
if redis.call('EXISTS', KEYS[1]) == 0 then
  local head = redis.call('ZRANGE', KEYS[2], 0, 0)
  if #head == 0 or head[1] == ARGV[1] then
    redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
    redis.call('ZREM', KEYS[2], ARGV[1])
    redis.call('HDEL', KEYS[3], ARGV[1])
    return 1
  end
end
if ARGV[4] == '1' then
  redis.call('ZADD', KEYS[2], 'NX', now, ARGV[1])
  redis.call('HSET', KEYS[3], ARGV[1], now + tonumber(ARGV[3]))
  redis.call('PEXPIRE', KEYS[2], 600000)
  redis.call('PEXPIRE', KEYS[3], 600000)
end
return 0
"""
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""
_RENEW = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
"""
_LEAD = """
local holder = redis.call('GET', KEYS[1])
if holder == false then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
if holder == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
return 0
"""


class LockWaitTimeout(Exception):
    """The lock stayed with others for the whole wait."""


class FairLocks:
    """One lock per name across replicas: a token, a lease renewed while held, waiters served first come first."""

    def __init__(self, client: redis.Redis, prefix: str, *, lease_seconds: float = 30.0,
                 poll_seconds: float = 0.05) -> None:
        self._redis = client
        self._prefix = prefix
        self._lease_ms = int(lease_seconds * 1000)
        self._poll = poll_seconds
        self._acquire = client.register_script(_ACQUIRE)
        self._release = client.register_script(_RELEASE)
        self._renew = client.register_script(_RENEW)
        self._held: dict[str, str] = {}  # token -> lock key, renewed by the renewer thread
        self._held_lock = threading.Lock()
        self._stop = threading.Event()
        self._renewer = threading.Thread(target=self._renew_loop, name="cluster-lock-renewer", daemon=True)
        self._renewer.start()

    def _keys(self, name: str) -> list[str]:
        base = f"{self._prefix}:lock:{name}"
        return [base, base + ":queue", base + ":expiry"]

    def is_held(self, name: str) -> bool:
        """Whether anyone holds the lock now."""
        return bool(self._redis.exists(self._keys(name)[0]))

    def try_acquire(self, name: str) -> str | None:
        """The lock's token if it is free and nobody waits for it, else None (never waits)."""
        token = uuid.uuid4().hex
        if self._acquire(keys=self._keys(name), args=[token, self._lease_ms, 0, "0"]):
            self._remember(name, token)
            return token
        return None

    def acquire(self, name: str, *, timeout_seconds: float, stop: threading.Event | None = None) -> str:
        """Wait in line for the lock; its token, or `LockWaitTimeout` after `timeout_seconds`."""
        token = uuid.uuid4().hex
        keys = self._keys(name)
        waiter_ttl = int(max(2.0, self._poll * 40) * 1000)
        pause = stop or threading.Event()
        remaining = timeout_seconds
        deadline = time.monotonic() + timeout_seconds
        try:
            while True:
                if self._acquire(keys=keys, args=[token, self._lease_ms, waiter_ttl, "1"]):
                    self._remember(name, token)
                    return token
                remaining = deadline - time.monotonic()
                if remaining <= 0 or pause.wait(min(self._poll, remaining)):
                    raise LockWaitTimeout(name)
        except BaseException:
            self._redis.zrem(keys[1], token)  # leave the queue at once: the next waiter need not wait it out
            self._redis.hdel(keys[2], token)
            raise

    def release(self, name: str, token: str) -> None:
        """Release the lock if the token still holds it."""
        with self._held_lock:
            self._held.pop(token, None)
        self._release(keys=self._keys(name)[:1], args=[token])

    @contextmanager
    def held(self, name: str, *, timeout_seconds: float) -> Iterator[str]:
        """The lock for the block."""
        token = self.acquire(name, timeout_seconds=timeout_seconds)
        try:
            yield token
        finally:
            self.release(name, token)

    def _remember(self, name: str, token: str) -> None:
        with self._held_lock:
            self._held[token] = self._keys(name)[0]

    def _renew_loop(self) -> None:
        while not self._stop.wait(self._lease_ms / 3000):
            with self._held_lock:
                held = list(self._held.items())
            for token, key in held:
                try:
                    self._renew(keys=[key], args=[token, self._lease_ms])
                except redis.RedisError:
                    continue  # the lease may lapse while Redis is down: another replica may then take it

    def close(self) -> None:
        """Stop renewing leases (held locks lapse at the end of their lease)."""
        self._stop.set()


class LeaderLease:
    """At most one holder of a chore at a time across replicas; the lease lapses if its holder dies."""

    def __init__(self, client: redis.Redis, key: str, *, holder: str, lease_seconds: float) -> None:
        self._key = key
        self.holder = holder
        self._lease_ms = int(lease_seconds * 1000)
        self._lead = client.register_script(_LEAD)
        self._release = client.register_script(_RELEASE)

    def claim(self) -> bool:
        """Take or keep the lease; whether this holder leads now."""
        return bool(self._lead(keys=[self._key], args=[self.holder, self._lease_ms]))

    def give_up(self) -> None:
        """Hand the lease back, for another replica to take at once."""
        self._release(keys=[self._key], args=[self.holder])
