"""What the cluster's pool says when shared coordination stands in the way (all answered as 503 + Retry-After)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import redis

from EModal import PoolBusyError

log = logging.getLogger(__name__)


class PoolCoordinationUnavailableError(PoolBusyError):
    """Redis, where the replicas share the browser pool, does not answer: no portal work until it does."""

    code = "pool_coordination_unavailable"

    def __init__(self, retry_after_seconds: int = 5) -> None:
        super().__init__(0, retry_after_seconds, "The browser pool's shared state (Redis) is unreachable, so no "
                                                 f"E-Modal browser can be used safely; try again in "
                                                 f"{retry_after_seconds} s")


class PortalSessionBusyError(PoolBusyError):
    """The account's browser stayed busy with other requests (on any replica) for the whole wait."""

    code = "portal_session_busy"

    def __init__(self, retry_after_seconds: int = 30) -> None:
        super().__init__(0, retry_after_seconds, "This E-Modal account's browser is busy with another request; "
                                                 f"try again in {retry_after_seconds} s")


@contextmanager
def redis_unavailable_as_busy(retry_after_seconds: int) -> Iterator[None]:
    """Report a Redis failure in the block as `PoolCoordinationUnavailableError`."""
    try:
        yield
    except redis.RedisError as exc:
        log.warning("browser pool: Redis unreachable (%s)", type(exc).__name__)
        raise PoolCoordinationUnavailableError(retry_after_seconds) from None
