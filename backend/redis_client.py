"""The product's Redis connection: built once in lifespan, every key under one prefix."""

from __future__ import annotations

import json
import logging
import threading
import time
from typing import Any

import redis
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class RedisUnavailable(Exception):
    """Redis did not answer."""


class RedisClient:
    """A small JSON key-value façade over redis-py that owns the key prefix."""

    def __init__(self, url: str, *, prefix: str, timeout_seconds: float = 0.5):
        self._prefix = prefix.rstrip(":")
        self._redis = redis.Redis.from_url(
            url,
            socket_connect_timeout=timeout_seconds,
            socket_timeout=timeout_seconds,
            decode_responses=True,
            retry_on_timeout=False,
        )

    def key(self, *parts: str) -> str:
        """A key under the product's prefix."""
        return ":".join((self._prefix, *parts))

    def _call(self, method: str | Any, *args: Any, **kwargs: Any) -> Any:
        try:
            call = getattr(self._redis, method) if isinstance(method, str) else method
            return call(*args, **kwargs)
        except (RedisError, OSError) as exc:  # down, timing out, read-only after failover, MISCONF...
            raise RedisUnavailable(str(exc)) from exc

    def ping(self) -> bool:
        """Whether the server answers."""
        return bool(self._call("ping"))

    def get_json_many(self, *keys: str) -> list[Any | None]:
        """The JSON values at `keys` in one round trip (None where missing)."""
        return [None if raw is None else json.loads(raw) for raw in self._call("mget", list(keys))]

    def set_json(self, key: str, value: Any, *, ttl_seconds: int) -> None:
        """Store `value` as JSON at `key` for `ttl_seconds`."""
        self._call("set", key, json.dumps(value), ex=max(1, ttl_seconds))

    def delete(self, *keys: str) -> None:
        """Remove keys."""
        if keys:
            self._call("delete", *keys)

    def delete_matching(self, *parts: str) -> int:
        """Remove every key under prefix:parts:*; return how many."""
        pattern = self.key(*parts) + ":*"
        keys = self._call(lambda: list(self._redis.scan_iter(match=pattern, count=500)))
        if keys:
            self._call("delete", *keys)
        return len(keys)

    def window_add(self, key: str, member: str, score: float, *, ttl_seconds: int) -> None:
        """Add a timestamped member to the sorted set at `key` and keep the set `ttl_seconds` longer."""
        def add() -> None:
            with self._redis.pipeline() as pipe:
                pipe.zadd(key, {member: score})
                pipe.expire(key, max(1, ttl_seconds))
                pipe.execute()

        self._call(add)

    def window_scores(self, key: str, *, since: float) -> list[float]:
        """Drop members scored before `since`; the scores of the rest, oldest first."""
        def read() -> list[float]:
            with self._redis.pipeline() as pipe:
                pipe.zremrangebyscore(key, "-inf", f"({since}")
                pipe.zrange(key, 0, -1, withscores=True)
                _, members = pipe.execute()
            return [float(score) for _, score in members]

        result: list[float] = self._call(read)
        return result

    def close(self) -> None:
        """Release the connection pool."""
        self._redis.close()


class RedisAvailability:
    """Tracks whether Redis answers; logs each transition once and probes again after a pause."""

    def __init__(self, redis_client: RedisClient, retry_seconds: float, *, forget: str, what: str,
                 log: logging.Logger = logger, level: int = logging.WARNING):
        self._redis = redis_client
        self._log = log
        self._level = level
        self._forget = forget  # the key family to drop when Redis comes back (it may have missed writes)
        self._what = what
        self._retry_seconds = retry_seconds
        self._lock = threading.Lock()
        self._down_since: float | None = None
        self._next_probe = 0.0

    def usable(self) -> bool:
        """Whether to try Redis now; probes it again once the retry pause has passed."""
        if self._down_since is None:
            return True
        with self._lock:
            if self._down_since is None:
                return True
            if time.monotonic() < self._next_probe:
                return False
            try:
                self._redis.ping()
                # Anything written while we were away may be stale: rebuild from SQL on demand.
                self._redis.delete_matching(self._forget)
            except RedisUnavailable:
                self._next_probe = time.monotonic() + self._retry_seconds
                return False
            outage = time.monotonic() - self._down_since
            self._down_since = None
            self._log.log(self._level, "Redis is reachable again after %.1fs: %s are served from Redis", outage,
                          self._what)
            return True

    def mark_down(self, exc: Exception) -> None:
        """Note that Redis failed: use SQL until the next probe succeeds."""
        with self._lock:
            if self._down_since is None:
                self._down_since = time.monotonic()
                self._log.log(self._level, "Redis is unreachable (%s): %s fall back to SQL", exc, self._what)
            self._next_probe = time.monotonic() + self._retry_seconds
