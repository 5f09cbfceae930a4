"""The Redis connection of the cluster's pool: a refused connection is reported at once, a slow answer is waited
for a little (a replica starved of CPU under load reads late), and an outage is reported within seconds."""

from __future__ import annotations

import redis
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry


def pool_redis(url: str, *, timeout_seconds: float = 3.0) -> redis.Redis:
    """A client that fails within about 2 x `timeout_seconds` when Redis hangs, at once when it is down (the caller
    answers 503, Retry-After)."""
    # One retry: the scale test's fifty users on 2 cores saw a 1 s read time out once in a few hundred calls.
    retry = Retry(ExponentialBackoff(cap=0.2, base=0.05), 1,
                  supported_errors=(RedisConnectionError, RedisTimeoutError))
    return redis.Redis.from_url(url, socket_timeout=timeout_seconds, socket_connect_timeout=timeout_seconds,
                                retry=retry, decode_responses=True)
