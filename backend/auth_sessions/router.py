"""HTTP endpoints for the caller's auth sessions and their context."""

from __future__ import annotations

from fastapi import APIRouter, status

from backend.accounts.repository import AccountRepository
from backend.accounts.router import account_out
from backend.accounts.schemas import AccountOut, SwitchAccountRequest
from backend.accounts.selection import remember_default, selected_account
from backend.audit import record_action
from backend.auth.schemas import UserOut
from backend.auth_sessions.schemas import ActiveAccountOut, AuthSessionOut, CurrentSessionOut, DisconnectOut
from backend.auth_sessions.store import AuthSession
from backend.deps import CurrentAuth, CurrentAuthDep, DbSessionDep, ServicesDep
from backend.errors import NotFound
from backend.portal.access import PortalCallerDep
from backend.portal.account_keys import stored_account_key
from backend.portal.records import latest_for_account, mark_account_closed
from backend.portal.schemas import PortalSessionOut, PortalSessionsClosedOut
from backend.services import AppServices

router = APIRouter(prefix="/sessions", tags=["sessions"])


def _auth_session_out(auth_session: AuthSession, current_id: str) -> AuthSessionOut:
    return AuthSessionOut(
        id=auth_session.id, created_at=auth_session.created_at, last_seen_at=auth_session.last_seen_at,
        expires_at=auth_session.expires_at, client_address=auth_session.client_address,
        user_agent=auth_session.user_agent, active_account_id=auth_session.active_account_id,
        default_thread_id=auth_session.default_thread_id, current=auth_session.id == current_id,
    )


@router.get("/current")
def current_session(current: CurrentAuthDep, db: DbSessionDep, services: ServicesDep) -> CurrentSessionOut:
    """Who is calling, which auth session, the active account and its portal session."""
    active_account: ActiveAccountOut | None = None
    portal_session: PortalSessionOut | None = None
    account = selected_account(db, services.auth_session_store, current)
    if account is not None:
        active_account = ActiveAccountOut(
            id=account.id, label=account.label, username=account.username, last_used_at=account.last_used_at
        )
        row = latest_for_account(db, account_id=account.id)
        if row is not None:
            portal_session = PortalSessionOut.of(row)
    return CurrentSessionOut(
        user=UserOut.model_validate(current.user, from_attributes=True),
        auth_session=_auth_session_out(current.auth_session, current.auth_session.id),
        active_account=active_account,
        portal_session=portal_session,
        auth_session_store=services.auth_session_store.backend,
    )


def _close_portal_sessions(current: CurrentAuth, services: AppServices) -> int:
    """Close the active account's portal sessions (browsers quit); how many were open."""
    account_id = current.auth_session.active_account_id
    closed = 0
    with services.session_factory.begin() as db:
        if account_id is not None:
            # Counted and marked first, in a transaction of its own: the pool's recorder commits its own
            # "closed" as each browser quits, and must not wait on (or be overwritten by) this one.
            closed = mark_account_closed(db, account_id=account_id)
        record_action(db, user_id=current.user.id, action="portal_sessions_closed",
                      auth_session_id=current.auth_session.id, closed_portal_sessions=closed)
    if account_id is not None and services.portal_pool is not None:
        services.portal_pool.close_account(stored_account_key(account_id))
    return closed


@router.post("/current/portal-sessions/close")
def close_portal_sessions(caller: PortalCallerDep, services: ServicesDep) -> PortalSessionsClosedOut:
    """Close the portal sessions (browsers logged into E-Modal) of the active account; the login stays."""
    return PortalSessionsClosedOut(closed_portal_sessions=_close_portal_sessions(caller, services))


@router.post("/current/disconnect", deprecated=True)
def disconnect(caller: PortalCallerDep, services: ServicesDep) -> DisconnectOut:
    """Deprecated name of `POST /sessions/current/portal-sessions/close` (it never ended the auth session)."""
    return DisconnectOut(disconnected=True, closed_portal_sessions=_close_portal_sessions(caller, services))


@router.post("/current/account")
def switch_account(
    body: SwitchAccountRequest, current: CurrentAuthDep, db: DbSessionDep, services: ServicesDep
) -> AccountOut:
    """Make one of the caller's stored accounts the active one, and their default at every later login."""
    repo = AccountRepository(db=db, secrets_box=services.secrets_box)
    account = repo.get_owned(user_id=current.user.id, account_id=body.account_id)
    repo.mark_used(account)
    remember_default(db, account)
    services.auth_session_store.update_context(
        db=db, auth_session_id=current.auth_session.id, active_account_id=account.id
    )
    return account_out(account, account.id)


@router.get("")
def list_sessions(current: CurrentAuthDep, db: DbSessionDep, services: ServicesDep) -> list[AuthSessionOut]:
    """The caller's live auth sessions (logins on other devices too)."""
    sessions = services.auth_session_store.list_for_user(db=db, user_id=current.user.id)
    return [_auth_session_out(s, current.auth_session.id) for s in sessions]


@router.delete("/{auth_session_id}", status_code=status.HTTP_204_NO_CONTENT)
def revoke_session(auth_session_id: str, current: CurrentAuthDep, db: DbSessionDep, services: ServicesDep) -> None:
    """Revoke one of the caller's auth sessions (for example a lost device)."""
    store = services.auth_session_store
    if store.find_owned(db=db, user_id=current.user.id, auth_session_id=auth_session_id) is None:
        raise NotFound(f"No live auth session {auth_session_id} among yours.")
    store.revoke(db=db, auth_session_id=auth_session_id, reason="revoked-by-user")
    record_action(db, user_id=current.user.id, action="auth_session_revoked", auth_session_id=auth_session_id)
