"""Writing the audit log of consequential actions."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from backend.models import AuditLogEntry


def record_action(db: Session, *, user_id: int | None, action: str, **detail: Any) -> None:
    """Append one entry in the request's unit of work (never pass a secret in `detail`)."""
    db.add(AuditLogEntry(user_id=user_id, action=action, detail=detail))
