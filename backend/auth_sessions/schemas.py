"""Response bodies of the auth session endpoints."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from backend.auth.schemas import UserOut


class AuthSessionOut(BaseModel):
    """One login as its owner sees it."""

    id: str
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime
    client_address: str | None
    user_agent: str | None
    active_account_id: int | None
    default_thread_id: str | None
    current: bool = False


class PortalSessionOut(BaseModel):
    """The browser logged into E-Modal for an account."""

    portal_session_id: str
    status: str
    created_at: datetime
    last_used_at: datetime


class ActiveAccountOut(BaseModel):
    """The E-Modal account this auth session acts with."""

    id: int
    label: str
    username: str
    last_used_at: datetime | None


class CurrentSessionOut(BaseModel):
    """Who is calling, through which auth session, with which account and portal session."""

    user: UserOut
    auth_session: AuthSessionOut
    active_account: ActiveAccountOut | None
    portal_session: PortalSessionOut | None
    auth_session_store: str


class DisconnectOut(BaseModel):
    """What a disconnect released."""

    disconnected: bool
    closed_portal_sessions: int
