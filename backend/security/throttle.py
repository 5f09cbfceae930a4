"""Login throttling: a sliding window of failed logins per username and per client address.

Counted in Redis (a sorted set per key) with every failure also written to SQL, which answers while Redis is
down, the way the auth session store does. `limits` was considered: it has Redis but no SQL storage, so the
fallback would have been a second implementation anyway.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from backend.models import LoginFailure
from backend.models.base import utcnow
from backend.redis_client import RedisAvailability, RedisClient, RedisUnavailable

logger = logging.getLogger(__name__)
KEY_FAMILY = "login-throttle"


@dataclass(frozen=True)
class ThrottleLimits:
    """How many failures each key may collect within the window."""

    per_username: int
    per_address: int
    window_seconds: int


@dataclass(frozen=True)
class Throttled:
    """Which key is over its limit and when a try may succeed again."""

    scope: str  # "username" or "address"
    retry_after_seconds: int


def username_key(username: str) -> str:
    """The throttle key of a username (a digest: any text may arrive in a login form)."""
    return "user:" + hashlib.sha256(username.strip().lower().encode()).hexdigest()[:40]


def address_key(address: str) -> str:
    """The throttle key of a client address."""
    return "addr:" + address[:64]


class LoginThrottle:
    """Counts failed logins and says when a username or an address must wait."""

    def __init__(self, *, redis_client: RedisClient | None, session_factory: sessionmaker[Session],
                 limits: ThrottleLimits, retry_seconds: float = 5.0):
        self._redis = redis_client
        self._session_factory = session_factory
        self._limits = limits
        self._availability = (
            # The auth session store already warns about an outage; the throttle only notes its own switch.
            RedisAvailability(redis_client, retry_seconds, forget=KEY_FAMILY, what="login throttles",
                              log=logger, level=logging.INFO)
            if redis_client else None
        )

    def _scores(self, scope_key: str, now: float) -> list[float]:
        """Failure times (epoch seconds) within the window, oldest first."""
        since = now - self._limits.window_seconds
        if self._redis is not None and self._availability is not None and self._availability.usable():
            try:
                return self._redis.window_scores(self._redis.key(KEY_FAMILY, scope_key), since=since)
            except RedisUnavailable as exc:
                self._availability.mark_down(exc)
        with self._session_factory() as db:
            cutoff = utcnow() - timedelta(seconds=self._limits.window_seconds)
            rows = db.scalars(select(LoginFailure.created_at)
                              .where(LoginFailure.scope_key == scope_key, LoginFailure.created_at > cutoff)
                              .order_by(LoginFailure.created_at))
            return [row.timestamp() for row in rows]

    def check(self, *, username: str, address: str | None) -> Throttled | None:
        """Whether a login for `username` from `address` must wait, and how long."""
        now = time.time()
        keys = [("username", username_key(username), self._limits.per_username)]
        if address:
            keys.append(("address", address_key(address), self._limits.per_address))
        for scope, scope_key, limit in keys:
            scores = self._scores(scope_key, now)
            if len(scores) >= limit:
                # The wait until enough failures leave the window for one more try.
                frees_at = scores[len(scores) - limit] + self._limits.window_seconds
                return Throttled(scope, max(1, math.ceil(frees_at - now)))
        return None

    def record_failure(self, *, username: str, address: str | None) -> None:
        """Count one failed login against the username and the address."""
        keys = [username_key(username)] + ([address_key(address)] if address else [])
        with self._session_factory.begin() as db:
            db.add_all(LoginFailure(scope_key=key) for key in keys)
            # Old rows are of no further use: drop them as new ones arrive.
            cutoff = utcnow() - timedelta(seconds=self._limits.window_seconds)
            db.execute(delete(LoginFailure).where(LoginFailure.scope_key.in_(keys), LoginFailure.created_at <= cutoff))
        if self._redis is None or self._availability is None or not self._availability.usable():
            return
        now = time.time()
        try:
            for key in keys:
                self._redis.window_add(self._redis.key(KEY_FAMILY, key), uuid.uuid4().hex, now,
                                       ttl_seconds=self._limits.window_seconds)
        except RedisUnavailable as exc:
            self._availability.mark_down(exc)

    def forget_username(self, username: str) -> None:
        """A successful login clears the username's failures (the address keeps its count)."""
        key = username_key(username)
        with self._session_factory.begin() as db:
            db.execute(delete(LoginFailure).where(LoginFailure.scope_key == key))
        if self._redis is not None and self._availability is not None and self._availability.usable():
            try:
                self._redis.delete(self._redis.key(KEY_FAMILY, key))
            except RedisUnavailable as exc:
                self._availability.mark_down(exc)
