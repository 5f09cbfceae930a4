"""Persisted portal sessions: the E-Modal session ids of browsers logged in with an account."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.models import PortalSessionRow
from backend.models.base import utcnow

LIVE_STATUSES = ("logging_in", "active")


def latest_for_account(db: Session, *, account_id: int) -> PortalSessionRow | None:
    """The newest portal session recorded for an account."""
    query = (
        select(PortalSessionRow)
        .where(PortalSessionRow.account_id == account_id)
        .order_by(PortalSessionRow.last_used_at.desc(), PortalSessionRow.id.desc())
        .limit(1)
    )
    return db.scalar(query)


def mark_account_closed(db: Session, *, account_id: int) -> int:
    """Mark every live portal session of an account closed; return how many."""
    rows = db.scalars(
        select(PortalSessionRow).where(
            PortalSessionRow.account_id == account_id, PortalSessionRow.status.in_(LIVE_STATUSES)
        )
    )
    count = 0
    for row in rows:
        row.status = "closed"
        row.closed_at = utcnow()
        count += 1
    return count
