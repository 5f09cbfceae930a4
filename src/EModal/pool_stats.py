"""What a portal pool can say about its browsers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PortalSessionInfo:
    """What the pool can say about one live portal session."""

    account_key: str
    portal_session_id: str
    idle_seconds: float
    busy: bool
    rss_mb: float


@dataclass(frozen=True)
class PoolStats:
    """Live browsers against the limit."""

    live: int
    max: int
    sessions: list[PortalSessionInfo]
