"""Who a portal request acts as and through which login: the one place credentials are resolved.

Commit points (see SESSION_API_USAGE.md): `portal_caller` ends the request's transaction before any portal work;
the target is resolved in a short transaction of its own; files and audit entries are written each in their own.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.accounts.repository import AccountRepository
from backend.accounts.selection import selected_account
from backend.audit import DatabaseAuditTrail
from backend.deps import CurrentAuth, CurrentAuthDep, DbSessionDep
from backend.errors import InvalidInput, NotFound, ServiceUnavailable
from backend.files.store import DatabaseFileStore
from backend.models import EModalAccount, PortalSessionRow
from backend.portal.account_keys import inline_account_key, stored_account_key
from backend.portal.schemas import PortalTargetRequest
from backend.services import AppServices
from EModal import Credentials, PortalPool
from portal_service import AccountPortalAccess, PortalAccess, PortalService, PortalSessionIdAccess, terminal_clock


def portal_caller(current: CurrentAuthDep, db: DbSessionDep) -> CurrentAuth:
    """The caller of a portal route, with the request's own transaction ended before any portal work.

    Portal work takes seconds to minutes while the pool records it in transactions of its own: an open request
    transaction across it would hold a database connection (and, on SQLite, a snapshot) all that time.
    """
    db.commit()
    return current


PortalCallerDep = Annotated[CurrentAuth, Depends(portal_caller)]


def portal_pool(services: AppServices) -> PortalPool:
    """The app's browser pool, or 503 when this server runs without one."""
    if services.portal_pool is None:
        raise ServiceUnavailable("This server has no browser pool; portal operations are unavailable.")
    pool: PortalPool = services.portal_pool
    return pool


def owned_portal_session(db: Session, *, user_id: int, portal_session_id: str) -> PortalSessionRow:
    """A portal session record of the user's; 404 for a missing one or another user's."""
    row = db.scalar(select(PortalSessionRow).where(PortalSessionRow.portal_session_id == portal_session_id))
    if row is None or row.user_id != user_id:
        raise NotFound(f"No portal session {portal_session_id} among yours.")
    return row


def _stored_account(db: Session, services: AppServices, account: EModalAccount) -> PortalAccess:
    stored = AccountRepository(db=db, secrets_box=services.secrets_box).credentials(account)
    return AccountPortalAccess(portal_pool(services), account_key=stored_account_key(account.id),
                               credentials=Credentials(stored.username, stored.password, stored.captcha_api_key),
                               account_label=account.label)


def _inline(db: Session, services: AppServices, user_id: int, body: PortalTargetRequest) -> PortalAccess:
    username, password, captcha_api_key = body.username, body.password, body.captcha_api_key
    if not (username and password and captcha_api_key):
        raise InvalidInput("Inline credentials need all of username, password and captcha_api_key.")
    if body.store_account:
        repo = AccountRepository(db=db, secrets_box=services.secrets_box)
        account = repo.create(user_id=user_id, label=(body.label or username)[:100], username=username,
                              password=password, captcha_api_key=captcha_api_key)
        return _stored_account(db, services, account)
    key = inline_account_key(user_id=user_id, username=username, password=password, captcha_api_key=captcha_api_key)
    return AccountPortalAccess(portal_pool(services), account_key=key,
                               credentials=Credentials(username, password, captcha_api_key), account_label=username)


def resolve_access(db: Session, services: AppServices, current: CurrentAuth, body: PortalTargetRequest) -> PortalAccess:
    """The login from `portal_session_id`, `account_id`, inline credentials, or the active account (in that order)."""
    user_id = current.user.id
    if body.portal_session_id:
        row = owned_portal_session(db, user_id=user_id, portal_session_id=body.portal_session_id)
        return PortalSessionIdAccess(portal_pool(services), portal_session_id=row.portal_session_id)
    if body.account_id is not None:
        return _stored_account(db, services, AccountRepository(db=db, secrets_box=services.secrets_box)
                               .get_owned(user_id=user_id, account_id=body.account_id))
    if body.username or body.password or body.captcha_api_key:
        return _inline(db, services, user_id, body)
    selected = selected_account(db, services.auth_session_store, current)  # chosen, default or only account
    if selected is not None:
        return _stored_account(db, services, selected)
    raise InvalidInput(
        "Add your E-Modal account first (POST /accounts), or say which login to use: portal_session_id, account_id, "
        "or username + password + captcha_api_key."
    )


def portal_service_for(body: PortalTargetRequest, current: CurrentAuth, services: AppServices) -> PortalService:
    """The portal use cases for this caller and target: files and audit entries kept under the caller's name."""
    portal_pool(services)  # 503 before anything is written when this server has no browsers
    with services.session_factory.begin() as db:
        access = resolve_access(db, services, current, body)
    files = DatabaseFileStore(session_factory=services.session_factory, files_dir=services.settings.files_dir,
                              user_id=current.user.id)
    audit = DatabaseAuditTrail(session_factory=services.session_factory, user_id=current.user.id, channel="api")
    return PortalService(access=access, files=files, audit=audit,
                         terminal_now=terminal_clock(services.settings.terminal_timezone))
