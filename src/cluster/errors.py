"""What the cluster's pool says when shared coordination stands in the way (all answered as 503 + Retry-After)."""

from __future__ import annotations

from EModal import PoolBusyError


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
