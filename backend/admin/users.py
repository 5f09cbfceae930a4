"""Admin actions on users: create, disable (revoking everything they hold), enable, invite."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from fastapi import APIRouter, status
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.audit import record_action
from backend.auth.invitations import issue_invitation
from backend.auth.schemas import USERNAME_PATTERN, UserOut
from backend.auth.service import create_user
from backend.database import on_commit
from backend.deps import AdminDep, DbSessionDep, IntId, ServicesDep
from backend.errors import Conflict, NotFound
from backend.models import PortalSessionRow, User
from backend.portal.pool_owners import user_owner_key
from backend.portal.records import LIVE_STATUSES
from backend.services import AppServices

router = APIRouter(prefix="/admin", tags=["admin"])


class CreateUserRequest(BaseModel):
    """A user an administrator creates directly."""

    username: str = Field(min_length=3, max_length=150, pattern=USERNAME_PATTERN)
    password: str = Field(min_length=8, max_length=10_000)
    role: Literal["user", "admin"] = "user"


class DisableOut(BaseModel):
    """The disabled user and what was ended with them."""

    user: UserOut
    revoked_auth_sessions: int
    closed_portal_sessions: int


class InvitationRequest(BaseModel):
    """The role the invited user will get and how long the code stays valid."""

    role: Literal["user", "admin"] = "user"
    valid_days: int | None = Field(default=None, ge=1, le=90, description="default: the server's setting")


class InvitationOut(BaseModel):
    """A single-use invitation code (shown only now) and when it expires."""

    id: int
    code: str
    role: str
    expires_at: datetime


def _user(db: Session, user_id: int) -> User:
    user = db.get(User, user_id)
    if user is None:
        raise NotFound(f"No user {user_id}.")
    return user


@router.post("/users", status_code=status.HTTP_201_CREATED)
def create(body: CreateUserRequest, admin: AdminDep, db: DbSessionDep) -> UserOut:
    """Create a user (works whether or not self-registration is open)."""
    user = create_user(db=db, username=body.username, password=body.password, role=body.role)
    record_action(db, user_id=admin.user.id, action="admin_user_created", target_user_id=user.id, role=body.role)
    return UserOut.model_validate(user, from_attributes=True)


def _close_portal_sessions(services: AppServices, user_id: int, live_ids: list[str]) -> None:
    pool = services.portal_pool
    if pool is None:
        return
    pool.close_owner(user_owner_key(user_id))
    for portal_session_id in live_ids:  # any the pool knew under another owner key
        pool.close(portal_session_id)


@router.post("/users/{user_id}/disable")
def disable(user_id: IntId, admin: AdminDep, db: DbSessionDep, services: ServicesDep) -> DisableOut:
    """Disable a user: every auth session ends at once and their browsers close."""
    user = _user(db, user_id)
    if user.id == admin.user.id:
        raise Conflict("You cannot disable your own account; ask another administrator.")
    user.is_active = False
    revoked = services.auth_session_store.revoke_all_for_user(db=db, user_id=user.id, reason="user-disabled")
    live_ids = list(db.scalars(select(PortalSessionRow.portal_session_id).where(
        PortalSessionRow.user_id == user.id, PortalSessionRow.status.in_(LIVE_STATUSES))))
    record_action(db, user_id=admin.user.id, action="admin_user_disabled", target_user_id=user.id,
                  revoked_auth_sessions=len(revoked), closed_portal_sessions=len(live_ids))
    # Browsers close once the revocation is committed: no request of theirs can start a new one after it.
    on_commit(db, lambda: _close_portal_sessions(services, user_id, live_ids))
    return DisableOut(user=UserOut.model_validate(user, from_attributes=True), revoked_auth_sessions=len(revoked),
                      closed_portal_sessions=len(live_ids))


@router.post("/users/{user_id}/enable")
def enable(user_id: IntId, admin: AdminDep, db: DbSessionDep) -> UserOut:
    """Enable a user again; tokens issued before the disabling stay dead (the user logs in anew)."""
    user = _user(db, user_id)
    user.is_active = True
    record_action(db, user_id=admin.user.id, action="admin_user_enabled", target_user_id=user.id)
    return UserOut.model_validate(user, from_attributes=True)


@router.post("/invitations", status_code=status.HTTP_201_CREATED)
def invite(body: InvitationRequest, admin: AdminDep, db: DbSessionDep, services: ServicesDep) -> InvitationOut:
    """Issue a single-use invitation code for registering while registration is closed."""
    issued = issue_invitation(db=db, created_by_user_id=admin.user.id, role=body.role,
                              valid_days=body.valid_days or services.settings.invitation_days)
    record_action(db, user_id=admin.user.id, action="admin_invitation_issued", invitation_id=issued.invitation.id,
                  role=body.role)
    return InvitationOut(id=issued.invitation.id, code=issued.code, role=body.role,
                         expires_at=issued.invitation.expires_at)
