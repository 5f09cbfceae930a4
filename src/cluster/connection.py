"""The Redis connection of the cluster's pool: short timeouts and no retries, so an outage is reported at once."""

from __future__ import annotations

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry


def pool_redis(url: str, *, timeout_seconds: float = 1.0) -> redis.Redis:
    """A client that fails within `timeout_seconds` when Redis is down (the caller answers 503, Retry-After)."""
    return redis.Redis.from_url(url, socket_timeout=timeout_seconds, socket_connect_timeout=timeout_seconds,
                                retry=Retry(NoBackoff(), 0), decode_responses=True)
