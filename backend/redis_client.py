"""The product's Redis connection: built once in lifespan, every key under one prefix."""

from __future__ import annotations

import json
from typing import Any

import redis
from redis.exceptions import RedisError


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

    def get_json(self, key: str) -> Any | None:
        """The JSON value at `key`, or None."""
        raw = self._call("get", key)
        return None if raw is None else json.loads(raw)

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

    def close(self) -> None:
        """Release the connection pool."""
        self._redis.close()
