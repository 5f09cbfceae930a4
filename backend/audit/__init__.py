"""Writing the audit log of consequential and security-relevant actions, with the caller's address."""

from __future__ import annotations

import contextvars
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from backend.models import AuditLogEntry

# Set by the request middleware for the whole request, so every entry carries the client address without
# each route passing it down (contextvars follow the request into the threadpool).
current_client_address: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "current_client_address", default=None
)


def _entry(user_id: int | None, action: str, client_address: str | None, detail: dict[str, Any]) -> AuditLogEntry:
    address = client_address if client_address is not None else current_client_address.get()
    return AuditLogEntry(user_id=user_id, action=action, detail=detail, client_address=(address or None) and
                         address[:64])


def record_action(db: Session, *, user_id: int | None, action: str, client_address: str | None = None,
                  **detail: Any) -> None:
    """Append one entry in the request's unit of work (never pass a secret in `detail`)."""
    db.add(_entry(user_id, action, client_address, detail))


def record_event(session_factory: sessionmaker[Session], *, user_id: int | None, action: str,
                 client_address: str | None = None, **detail: Any) -> None:
    """Append one entry in a transaction of its own: it stays even when the request fails (a failed login)."""
    with session_factory.begin() as db:
        db.add(_entry(user_id, action, client_address, detail))


AuditValue = str | int | bool | None


class DatabaseAuditTrail:
    """The portal use cases' `AuditTrail`: one user, one channel (`agent` or `api`), the agent's thread if any."""

    def __init__(self, *, session_factory: sessionmaker[Session], user_id: int, channel: str,
                 thread_id: str | None = None) -> None:
        self._session_factory = session_factory
        self._user_id = user_id
        self._channel = channel
        self._thread_id = thread_id
        # Built in the request: an agent run's own threads no longer know the caller's address.
        self._client_address = current_client_address.get()

    def record(self, action: str, **detail: AuditValue) -> None:
        """Write one entry now, in its own transaction (a booking stays on record even if the caller fails)."""
        # Who, where and through which door come from this trail, whatever the caller put in `detail`.
        entry: dict[str, AuditValue] = {**detail, "via": self._channel}
        if self._thread_id is not None:
            entry["thread_id"] = self._thread_id
        with self._session_factory.begin() as db:
            db.add(_entry(self._user_id, action, self._client_address, dict(entry)))
