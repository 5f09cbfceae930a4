"""The security audit trail as administrators query it."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, JsonValue
from sqlalchemy import select

from backend.deps import AdminDep, DbSessionDep
from backend.models import AuditLogEntry
from backend.models.base import MAX_DB_ID

router = APIRouter(prefix="/admin", tags=["admin"])


class AuditEntryOut(BaseModel):
    """One audited action: who, what, when, from which address."""

    id: int
    user_id: int | None
    action: str
    client_address: str | None
    created_at: datetime
    detail: dict[str, JsonValue]


@router.get("/audit")
def audit_trail(
    _admin: AdminDep, db: DbSessionDep,
    user_id: Annotated[int | None, Query(ge=1, le=MAX_DB_ID, description="only this user's entries")] = None,
    action: Annotated[str | None, Query(max_length=64, description="e.g. login_failed, login_throttled")] = None,
    since: Annotated[datetime | None, Query(description="entries at or after this time")] = None,
    until: Annotated[datetime | None, Query(description="entries before this time")] = None,
    before_id: Annotated[int | None, Query(ge=1, le=MAX_DB_ID, description="page: entries older than this id")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[AuditEntryOut]:
    """Audit entries, newest first, filtered by user, action and time."""
    query = select(AuditLogEntry)
    if user_id is not None:
        query = query.where(AuditLogEntry.user_id == user_id)
    if action is not None:
        query = query.where(AuditLogEntry.action == action)
    if since is not None:
        query = query.where(AuditLogEntry.created_at >= since)
    if until is not None:
        query = query.where(AuditLogEntry.created_at < until)
    if before_id is not None:
        query = query.where(AuditLogEntry.id < before_id)
    rows = db.scalars(query.order_by(AuditLogEntry.id.desc()).limit(limit))
    return [AuditEntryOut(id=row.id, user_id=row.user_id, action=row.action, client_address=row.client_address,
                          created_at=row.created_at, detail=dict(row.detail or {})) for row in rows]
