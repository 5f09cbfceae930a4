"""Which stored E-Modal account a caller acts through when they did not name one.

The auth session's choice first; else the account the user last chose (their default, kept across logins); else
their only account. A pick made here is written to the auth session so every later request sees the same one.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from backend.auth_sessions.store import AuthSessionStore
from backend.deps import CurrentAuth
from backend.models import EModalAccount


def preferred_account(db: Session, *, user_id: int) -> EModalAccount | None:
    """The user's default account, else their only one; None when they have none (or several, none chosen)."""
    accounts = list(db.scalars(select(EModalAccount).where(EModalAccount.user_id == user_id)
                               .order_by(EModalAccount.id).limit(50)))
    default = next((a for a in accounts if a.is_default), None)
    if default is not None:
        return default
    return accounts[0] if len(accounts) == 1 else None


def selected_account(db: Session, store: AuthSessionStore, current: CurrentAuth) -> EModalAccount | None:
    """The account this auth session acts through (chosen, default or only one); None when there is none."""
    account_id = current.auth_session.active_account_id
    account = db.get(EModalAccount, account_id) if account_id is not None else None
    if account is not None and account.user_id == current.user.id:
        return account
    account = preferred_account(db, user_id=current.user.id)
    if account is not None:
        store.update_context(db=db, auth_session_id=current.auth_session.id, active_account_id=account.id)
    return account


def remember_default(db: Session, account: EModalAccount) -> None:
    """Make the account its owner's default (and no other of theirs)."""
    db.execute(update(EModalAccount).where(EModalAccount.user_id == account.user_id, EModalAccount.id != account.id)
               .values(is_default=False))
    account.is_default = True
    db.flush()
