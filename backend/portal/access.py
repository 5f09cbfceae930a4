"""Which portal session a request acts through, and holding it for the request's operations."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.accounts.repository import AccountRepository
from backend.errors import InvalidInput, NotFound, ServiceUnavailable
from backend.models import PortalSessionRow
from backend.portal.account_keys import inline_account_key, stored_account_key
from backend.services import AppServices
from EModal import Credentials, PortalOperations, PortalSessionPool


@dataclass(frozen=True)
class PortalTarget:
    """A portal session to use: an existing one by id, or the browser of an account (reused or new)."""

    account_key: str | None = None
    credentials: Credentials | None = None
    portal_session_id: str | None = None
    account_id: int | None = None


def portal_pool(services: AppServices) -> PortalSessionPool:
    """The app's browser pool, or 503 when this server runs without one."""
    if services.portal_pool is None:
        raise ServiceUnavailable("This server has no browser pool; portal operations are unavailable.")
    pool: PortalSessionPool = services.portal_pool
    return pool


def owned_portal_session(db: Session, *, user_id: int, portal_session_id: str) -> PortalSessionRow:
    """A portal session record of the user's; 404 for a missing one or another user's."""
    row = db.scalar(select(PortalSessionRow).where(PortalSessionRow.portal_session_id == portal_session_id))
    if row is None or row.user_id != user_id:
        raise NotFound(f"No portal session {portal_session_id} among yours.")
    return row


def stored_account_target(
    db: Session, services: AppServices, *, user_id: int, account_id: int
) -> PortalTarget:
    """The target for one of the user's stored accounts (ownership checked; the pool records its use)."""
    repo = AccountRepository(db=db, secrets_box=services.secrets_box)
    account = repo.get_owned(user_id=user_id, account_id=account_id)
    stored = repo.credentials(account)
    credentials = Credentials(stored.username, stored.password, stored.captcha_api_key)
    return PortalTarget(account_key=stored_account_key(account.id), credentials=credentials, account_id=account.id)


def resolve_target(
    db: Session, services: AppServices, *, user_id: int, active_account_id: int | None,
    session_id: str | None = None, account_id: int | None = None, username: str | None = None,
    password: str | None = None, captcha_api_key: str | None = None, store_account: bool = False,
    label: str | None = None,
) -> PortalTarget:
    """Pick the portal session from `session_id`, `account_id`, inline credentials, or the active account."""
    if session_id:
        row = owned_portal_session(db, user_id=user_id, portal_session_id=session_id)
        return PortalTarget(portal_session_id=row.portal_session_id, account_id=row.account_id)
    if account_id is not None:
        return stored_account_target(db, services, user_id=user_id, account_id=account_id)
    if username or password or captcha_api_key:
        if not (username and password and captcha_api_key):
            raise InvalidInput("Inline credentials need all of username, password and captcha_api_key.")
        if store_account:
            repo = AccountRepository(db=db, secrets_box=services.secrets_box)
            account = repo.create(user_id=user_id, label=(label or username)[:100], username=username,
                                  password=password, captcha_api_key=captcha_api_key)
            return stored_account_target(db, services, user_id=user_id, account_id=account.id)
        key = inline_account_key(user_id=user_id, username=username, password=password,
                                 captcha_api_key=captcha_api_key)
        return PortalTarget(account_key=key, credentials=Credentials(username, password, captcha_api_key))
    if active_account_id is not None:
        return stored_account_target(db, services, user_id=user_id, account_id=active_account_id)
    raise InvalidInput(
        "Say which E-Modal account to use: session_id, account_id, or username + password + captcha_api_key "
        "(or add an account with POST /accounts first)."
    )


@contextmanager
def hold_portal_session(pool: PortalSessionPool, target: PortalTarget) -> Iterator[PortalOperations]:
    """Hold the target's browser for the duration of the block."""
    if target.portal_session_id:
        with pool.session_by_id(target.portal_session_id) as operations:
            yield operations
        return
    assert target.account_key is not None and target.credentials is not None
    with pool.session(target.account_key, target.credentials) as operations:
        yield operations
