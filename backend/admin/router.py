"""What administrators see: users, their accounts and portal sessions."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import func, select

from backend.auth.schemas import UserOut
from backend.deps import AdminDep, DbSessionDep, IntId
from backend.errors import NotFound
from backend.models import AuthSessionRow, EModalAccount, PortalSessionRow, User
from backend.models.base import utcnow

router = APIRouter(prefix="/admin", tags=["admin"])


class AdminPortalSession(BaseModel):
    """A persisted portal session of an account."""

    portal_session_id: str
    status: str
    created_at: datetime
    last_used_at: datetime


class AdminAccount(BaseModel):
    """An account with its portal sessions (never its secrets)."""

    id: int
    label: str
    username: str
    last_used_at: datetime | None
    portal_sessions: list[AdminPortalSession]


class AdminUserStatus(BaseModel):
    """One user's state as an administrator sees it."""

    user: UserOut
    live_auth_sessions: int
    last_activity_at: datetime | None
    accounts: list[AdminAccount]
    inline_portal_sessions: list[AdminPortalSession]  # opened with credentials given inline, not stored


@router.get("/users")
def list_users(_admin: AdminDep, db: DbSessionDep) -> list[UserOut]:
    """Every user."""
    return [UserOut.model_validate(u, from_attributes=True) for u in db.scalars(select(User).order_by(User.id))]


@router.get("/users/{user_id}/status")
def user_status(user_id: IntId, _admin: AdminDep, db: DbSessionDep) -> AdminUserStatus:
    """A user's accounts, their portal session ids and states, and the last activity."""
    user = db.get(User, user_id)
    if user is None:
        raise NotFound(f"No user {user_id}.")
    live = (AuthSessionRow.user_id == user_id, AuthSessionRow.revoked_at.is_(None),
            AuthSessionRow.expires_at > utcnow())
    live_count = db.scalar(select(func.count()).select_from(AuthSessionRow).where(*live)) or 0
    last_seen = db.scalar(select(func.max(AuthSessionRow.last_seen_at)).where(AuthSessionRow.user_id == user_id))
    accounts = []
    for account in db.scalars(select(EModalAccount).where(EModalAccount.user_id == user_id).order_by(EModalAccount.id)):
        rows = db.scalars(
            select(PortalSessionRow)
            .where(PortalSessionRow.account_id == account.id)
            .order_by(PortalSessionRow.last_used_at.desc())
        )
        accounts.append(AdminAccount(
            id=account.id, label=account.label, username=account.username, last_used_at=account.last_used_at,
            portal_sessions=[_portal_session_out(r) for r in rows],
        ))
    inline = db.scalars(select(PortalSessionRow)
                        .where(PortalSessionRow.user_id == user_id, PortalSessionRow.account_id.is_(None))
                        .order_by(PortalSessionRow.last_used_at.desc()))
    return AdminUserStatus(
        user=UserOut.model_validate(user, from_attributes=True), live_auth_sessions=live_count,
        last_activity_at=last_seen, accounts=accounts,
        inline_portal_sessions=[_portal_session_out(r) for r in inline],
    )


def _portal_session_out(row: PortalSessionRow) -> AdminPortalSession:
    return AdminPortalSession(portal_session_id=row.portal_session_id, status=row.status,
                              created_at=row.created_at, last_used_at=row.last_used_at)
