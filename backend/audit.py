"""Writing the audit log of consequential actions."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from backend.models import AuditLogEntry

AuditValue = str | int | bool | None


def record_action(db: Session, *, user_id: int | None, action: str, **detail: Any) -> None:
    """Append one entry in the request's unit of work (never pass a secret in `detail`)."""
    db.add(AuditLogEntry(user_id=user_id, action=action, detail=detail))


class DatabaseAuditTrail:
    """The portal use cases' `AuditTrail`: one user, one channel (`agent` or `api`), the agent's thread if any."""

    def __init__(self, *, session_factory: sessionmaker[Session], user_id: int, channel: str,
                 thread_id: str | None = None) -> None:
        self._session_factory = session_factory
        self._user_id = user_id
        self._channel = channel
        self._thread_id = thread_id

    def record(self, action: str, **detail: AuditValue) -> None:
        """Write one entry now, in its own transaction (a booking stays on record even if the caller fails)."""
        # Who, where and through which door come from this trail, whatever the caller put in `detail`.
        entry: dict[str, AuditValue] = {**detail, "via": self._channel}
        if self._thread_id is not None:
            entry["thread_id"] = self._thread_id
        with self._session_factory.begin() as db:
            db.add(AuditLogEntry(user_id=self._user_id, action=action, detail=entry))
