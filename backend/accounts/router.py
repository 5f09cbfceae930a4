"""HTTP endpoints for the caller's stored E-Modal accounts."""

from __future__ import annotations

from fastapi import APIRouter, status

from backend.accounts.repository import AccountRepository
from backend.accounts.schemas import AccountCreate, AccountOut, AccountUpdate
from backend.accounts.selection import remember_default, selected_account
from backend.audit import record_action
from backend.database import on_commit
from backend.deps import CurrentAuthDep, DbSessionDep, IntId, ServicesDep
from backend.models import EModalAccount
from backend.portal.account_keys import stored_account_key

router = APIRouter(prefix="/accounts", tags=["accounts"])


def account_out(account: EModalAccount, active_account_id: int | None) -> AccountOut:
    """The public view of an account."""
    return AccountOut(
        id=account.id, label=account.label, username=account.username, created_at=account.created_at,
        last_used_at=account.last_used_at, is_active=account.id == active_account_id, is_default=account.is_default,
    )


@router.post("", status_code=status.HTTP_201_CREATED)
def create_account(
    body: AccountCreate, current: CurrentAuthDep, db: DbSessionDep, services: ServicesDep
) -> AccountOut:
    """Store an E-Modal account; the first one becomes this auth session's active account and the user's default."""
    repo = AccountRepository(db=db, secrets_box=services.secrets_box)
    first = not repo.list(user_id=current.user.id)
    account = repo.create(user_id=current.user.id, label=body.label, username=body.username,
                          password=body.password, captcha_api_key=body.captcha_api_key)
    if first:
        remember_default(db, account)
    active_id = current.auth_session.active_account_id
    if active_id is None:
        services.auth_session_store.update_context(
            db=db, auth_session_id=current.auth_session.id, active_account_id=account.id
        )
        active_id = account.id
    record_action(db, user_id=current.user.id, action="account_created", account_id=account.id,
                  label=account.label)
    return account_out(account, active_id)


@router.get("")
def list_accounts(current: CurrentAuthDep, db: DbSessionDep, services: ServicesDep) -> list[AccountOut]:
    """The caller's accounts, without secrets (the one in use, chosen or selected for them, `is_active`)."""
    repo = AccountRepository(db=db, secrets_box=services.secrets_box)
    selected = selected_account(db, services.auth_session_store, current)
    active_id = selected.id if selected is not None else None
    return [account_out(a, active_id) for a in repo.list(user_id=current.user.id)]


@router.get("/{account_id}")
def get_account(account_id: IntId, current: CurrentAuthDep, db: DbSessionDep, services: ServicesDep) -> AccountOut:
    """One of the caller's accounts."""
    repo = AccountRepository(db=db, secrets_box=services.secrets_box)
    account = repo.get_owned(user_id=current.user.id, account_id=account_id)
    return account_out(account, current.auth_session.active_account_id)


@router.patch("/{account_id}")
def update_account(
    account_id: IntId, body: AccountUpdate, current: CurrentAuthDep, db: DbSessionDep, services: ServicesDep
) -> AccountOut:
    """Change an account's label, username or secrets."""
    repo = AccountRepository(db=db, secrets_box=services.secrets_box)
    account = repo.get_owned(user_id=current.user.id, account_id=account_id)
    changes = body.model_dump(exclude_none=True)
    repo.update(account, **changes)
    record_action(db, user_id=current.user.id, action="account_updated", account_id=account.id,
                  fields=sorted(changes))
    return account_out(account, current.auth_session.active_account_id)


@router.delete("/{account_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_account(account_id: IntId, current: CurrentAuthDep, db: DbSessionDep, services: ServicesDep) -> None:
    """Remove an account and forget it in every auth session that had it active."""
    repo = AccountRepository(db=db, secrets_box=services.secrets_box)
    account = repo.get_owned(user_id=current.user.id, account_id=account_id)
    services.auth_session_store.forget_account(db=db, user_id=current.user.id, account_id=account.id)
    repo.delete(account)
    pool = services.portal_pool
    if pool is not None:  # its browser must not stay logged in with the deleted credentials
        on_commit(db, lambda: pool.close_account(stored_account_key(account_id)))
    record_action(db, user_id=current.user.id, action="account_deleted", account_id=account_id)
