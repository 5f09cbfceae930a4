"""The auth session store: Redis first, SQL as the write-through copy and the fallback."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timedelta
from typing import Any, Literal, TypeVar

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from backend.database import on_commit
from backend.models import AuthSessionRow
from backend.models.base import new_uuid, utcnow
from backend.redis_client import RedisAvailability, RedisClient, RedisUnavailable

logger = logging.getLogger(__name__)

StoreBackend = Literal["redis", "sql-fallback", "sql"]
T = TypeVar("T")
# How stale the SQL copy of `last_seen_at` may get while Redis serves reads.
SQL_TOUCH_INTERVAL = timedelta(seconds=60)


@dataclass(frozen=True)
class AuthSession:
    """A live login and the context its requests share."""

    id: str
    user_id: int
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime
    client_address: str | None
    user_agent: str | None
    active_account_id: int | None
    default_thread_id: str | None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for name in ("created_at", "last_seen_at", "expires_at"):
            data[name] = data[name].isoformat()
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AuthSession:
        values = dict(data)
        for name in ("created_at", "last_seen_at", "expires_at"):
            values[name] = datetime.fromisoformat(values[name])
        return cls(**values)

    @classmethod
    def from_row(cls, row: AuthSessionRow) -> AuthSession:
        return cls(
            id=row.id,
            user_id=row.user_id,
            created_at=row.created_at,
            last_seen_at=row.last_seen_at,
            expires_at=row.expires_at,
            client_address=row.client_address,
            user_agent=row.user_agent,
            active_account_id=row.active_account_id,
            default_thread_id=row.default_thread_id,
        )


class AuthSessionStore:
    """Creates, reads, slides and revokes auth sessions; the only module that talks to Redis."""

    def __init__(
        self, *, redis_client: RedisClient | None, session_factory: sessionmaker[Session], idle_ttl: timedelta,
        retry_seconds: float = 5.0,
    ):
        self._redis = redis_client
        # Sliding the expiry is bookkeeping, not the request's business: it commits on its own at once, so a
        # request never holds a write lock just for being authenticated.
        self._session_factory = session_factory
        self._idle_ttl = idle_ttl
        self._availability = (
            RedisAvailability(redis_client, retry_seconds, forget="auth-session", what="auth sessions",
                              log=logger)
            if redis_client else None
        )

    @property
    def backend(self) -> StoreBackend:
        """Which store answers reads right now."""
        if self._availability is None:
            return "sql"
        return "redis" if self._availability.usable() else "sql-fallback"

    # --- Redis plumbing -------------------------------------------------------------------
    def _with_redis(self, action: Callable[[RedisClient], T]) -> T | None:
        """Run `action` on Redis when it is usable; None when it is not (or fails, which is noted)."""
        if self._redis is None or self._availability is None or not self._availability.usable():
            return None
        try:
            return action(self._redis)
        except RedisUnavailable as exc:
            self._availability.mark_down(exc)
            return None

    def _redis_get(self, auth_session_id: str) -> AuthSession | None:
        def read(redis: RedisClient) -> AuthSession | None:
            data, revoked = redis.get_json_many(redis.key("auth-session", auth_session_id),
                                                redis.key("auth-session-revoked", auth_session_id))
            # A revocation wins over a copy that a request racing it wrote back.
            return AuthSession.from_json(data) if data and not revoked else None

        return self._with_redis(read)

    def _redis_put(self, auth_session: AuthSession) -> None:
        ttl = int((auth_session.expires_at - utcnow()).total_seconds())
        key_parts = ("auth-session", auth_session.id)
        if ttl <= 0:
            self._with_redis(lambda redis: redis.delete(redis.key(*key_parts)))
        else:
            self._with_redis(lambda redis: redis.set_json(redis.key(*key_parts), auth_session.to_json(),
                                                          ttl_seconds=ttl))

    def _redis_revoke(self, auth_session_id: str) -> None:
        def revoke(redis: RedisClient) -> None:
            redis.delete(redis.key("auth-session", auth_session_id))
            redis.set_json(redis.key("auth-session-revoked", auth_session_id), True,
                           ttl_seconds=int(self._idle_ttl.total_seconds()))

        self._with_redis(revoke)

    # --- operations -----------------------------------------------------------------------
    def create(
        self, *, db: Session, user_id: int, refresh_jti: str, client_address: str | None, user_agent: str | None
    ) -> AuthSession:
        """Start an auth session at login."""
        now = utcnow()
        row = AuthSessionRow(
            id=new_uuid(),
            user_id=user_id,
            refresh_jti=refresh_jti,
            created_at=now,
            last_seen_at=now,
            expires_at=now + self._idle_ttl,
            client_address=client_address,
            user_agent=(user_agent or "")[:400] or None,
        )
        db.add(row)
        db.flush()
        auth_session = AuthSession.from_row(row)
        on_commit(db, lambda: self._redis_put(auth_session))
        return auth_session

    def get_active(self, *, db: Session, auth_session_id: str) -> AuthSession | None:
        """The live auth session with this id, its idle expiry slid forward; None if revoked or expired."""
        now = utcnow()
        cached = self._redis_get(auth_session_id)
        if cached is not None and cached.expires_at > now:
            # Only the expiry slides on a Redis hit; `last_seen_at` records the last SQL check, so SQL is
            # consulted (and a revocation seen) at least once a minute however busy the client is.
            if now - cached.last_seen_at < SQL_TOUCH_INTERVAL:
                touched = replace(cached, expires_at=now + self._idle_ttl)
                self._redis_put(touched)
                return touched
            if not self._touch_sql(auth_session_id, now):
                self._redis_revoke(auth_session_id)
                return None
            touched = replace(cached, last_seen_at=now, expires_at=now + self._idle_ttl)
            self._redis_put(touched)
            return touched
        row = db.get(AuthSessionRow, auth_session_id)
        if row is None or row.revoked_at is not None or row.expires_at <= now:
            return None
        auth_session = AuthSession.from_row(row)
        if now - row.last_seen_at >= SQL_TOUCH_INTERVAL:
            if not self._touch_sql(auth_session_id, now):
                return None
            auth_session = replace(auth_session, last_seen_at=now, expires_at=now + self._idle_ttl)
        self._redis_put(auth_session)
        return auth_session

    def _touch_sql(self, auth_session_id: str, now: datetime) -> bool:
        """Slide the SQL expiry; False when the session is no longer live there (revoked or expired)."""
        with self._session_factory.begin() as bookkeeping:
            result = bookkeeping.execute(
                update(AuthSessionRow)
                .where(AuthSessionRow.id == auth_session_id, AuthSessionRow.revoked_at.is_(None),
                       AuthSessionRow.expires_at > now)
                .values(last_seen_at=now, expires_at=now + self._idle_ttl)
            )
            return bool(getattr(result, "rowcount", 0) == 1)

    def rotate_refresh(self, *, db: Session, auth_session_id: str, presented_jti: str, new_jti: str) -> bool:
        """Swap the refresh token id if `presented_jti` is the current one; False means reuse or revoked."""
        now = utcnow()
        result = db.execute(
            update(AuthSessionRow)
            .where(
                AuthSessionRow.id == auth_session_id,
                AuthSessionRow.refresh_jti == presented_jti,
                AuthSessionRow.revoked_at.is_(None),
                AuthSessionRow.expires_at > now,
            )
            .values(refresh_jti=new_jti, last_seen_at=now, expires_at=now + self._idle_ttl)
        )
        return bool(getattr(result, "rowcount", 0) == 1)

    def is_reuse(self, *, db: Session, auth_session_id: str, presented_jti: str) -> bool:
        """Whether a refresh token id is an old one of a still-live session (as opposed to a dead session)."""
        row = db.get(AuthSessionRow, auth_session_id)
        live = row is not None and row.revoked_at is None and row.expires_at > utcnow()
        return bool(live and row is not None and row.refresh_jti != presented_jti)

    def revoke(self, *, db: Session, auth_session_id: str, reason: str) -> bool:
        """End an auth session: its access and refresh tokens stop working at once."""
        result = db.execute(
            update(AuthSessionRow)
            .where(AuthSessionRow.id == auth_session_id, AuthSessionRow.revoked_at.is_(None))
            .values(revoked_at=utcnow(), revoked_reason=reason)
        )
        # Marked now and again after commit: no request may still see it between the two.
        self._redis_revoke(auth_session_id)
        on_commit(db, lambda: self._redis_revoke(auth_session_id))
        return bool(getattr(result, "rowcount", 0) == 1)

    def revoke_all_for_user(self, *, db: Session, user_id: int, reason: str) -> list[str]:
        """End every auth session of a user at once (a disabled account); return their ids."""
        ids = list(db.scalars(
            select(AuthSessionRow.id).where(AuthSessionRow.user_id == user_id, AuthSessionRow.revoked_at.is_(None))
        ))
        if not ids:
            return []
        db.execute(
            update(AuthSessionRow)
            .where(AuthSessionRow.id.in_(ids), AuthSessionRow.revoked_at.is_(None))
            .values(revoked_at=utcnow(), revoked_reason=reason)
        )
        self._redis_revoke_many(ids)
        on_commit(db, lambda: self._redis_revoke_many(ids))
        return ids

    def _redis_revoke_many(self, auth_session_ids: list[str]) -> None:
        for auth_session_id in auth_session_ids:
            self._redis_revoke(auth_session_id)

    def list_for_user(self, *, db: Session, user_id: int) -> list[AuthSession]:
        """The user's live auth sessions, newest first."""
        rows = db.scalars(
            select(AuthSessionRow)
            .where(
                AuthSessionRow.user_id == user_id,
                AuthSessionRow.revoked_at.is_(None),
                AuthSessionRow.expires_at > utcnow(),
            )
            .order_by(AuthSessionRow.created_at.desc())
        )
        return [AuthSession.from_row(row) for row in rows]

    def find_owned(self, *, db: Session, user_id: int, auth_session_id: str) -> AuthSession | None:
        """One of the user's live auth sessions, or None (also for another user's)."""
        row = db.get(AuthSessionRow, auth_session_id)
        if row is None or row.user_id != user_id or row.revoked_at is not None or row.expires_at <= utcnow():
            return None
        return AuthSession.from_row(row)

    def update_context(self, *, db: Session, auth_session_id: str, **changes: Any) -> AuthSession | None:
        """Set `active_account_id` and/or `default_thread_id` of a live auth session."""
        allowed = {"active_account_id", "default_thread_id"}
        if not set(changes) <= allowed:
            raise ValueError(f"only {sorted(allowed)} can change")
        row = db.get(AuthSessionRow, auth_session_id)
        if row is None or row.revoked_at is not None:
            return None
        for name, value in changes.items():
            setattr(row, name, value)
        db.flush()
        auth_session = AuthSession.from_row(row)
        on_commit(db, lambda: self._redis_put(auth_session))
        return auth_session

    def forget_account(self, *, db: Session, user_id: int, account_id: int) -> None:
        """Clear a deleted E-Modal account from every auth session that had it active."""
        rows = db.scalars(
            select(AuthSessionRow).where(
                AuthSessionRow.user_id == user_id, AuthSessionRow.active_account_id == account_id
            )
        )
        for row in rows:
            self.update_context(db=db, auth_session_id=row.id, active_account_id=None)
