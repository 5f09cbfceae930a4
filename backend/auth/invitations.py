"""Single-use invitations: an admin issues a code, a registration consumes it."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from backend.errors import PermissionDenied
from backend.models import Invitation
from backend.models.base import utcnow


@dataclass(frozen=True)
class IssuedInvitation:
    """A new invitation and its code (shown once; only a digest is stored)."""

    invitation: Invitation
    code: str


def _digest(code: str) -> str:
    return hashlib.sha256(code.strip().encode()).hexdigest()


def issue_invitation(*, db: Session, created_by_user_id: int, role: str, valid_days: int) -> IssuedInvitation:
    """Create an invitation valid for `valid_days`."""
    code = secrets.token_urlsafe(24)
    invitation = Invitation(code_digest=_digest(code), role=role, created_by_user_id=created_by_user_id,
                            expires_at=utcnow() + timedelta(days=valid_days))
    db.add(invitation)
    db.flush()
    return IssuedInvitation(invitation=invitation, code=code)


def consume_invitation(*, db: Session, code: str) -> Invitation:
    """Mark the invitation used (once, even under concurrent registrations); 403 when it cannot be used."""
    now = utcnow()
    result = db.execute(
        update(Invitation)
        .where(Invitation.code_digest == _digest(code), Invitation.used_at.is_(None), Invitation.expires_at > now)
        .values(used_at=now)
    )
    if getattr(result, "rowcount", 0) != 1:
        raise PermissionDenied("This invitation code is unknown, expired or already used; ask for a new one.")
    invitation = db.scalar(select(Invitation).where(Invitation.code_digest == _digest(code)))
    assert invitation is not None
    return invitation
