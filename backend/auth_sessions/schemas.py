"""Response bodies of the auth session endpoints."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from backend.auth.schemas import UserOut
from backend.portal.schemas import PortalSessionOut


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
    """What a disconnect released (the deprecated `/sessions/current/disconnect`)."""

    disconnected: bool
    closed_portal_sessions: int
