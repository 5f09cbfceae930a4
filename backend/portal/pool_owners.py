"""Who owns a browser in the pool: the user behind an account key, so the pool can be fair between users."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session, sessionmaker

from backend.models import EModalAccount
from backend.portal.account_keys import parse_account_key


def user_owner_key(user_id: int) -> str:
    """The pool's owner key of a user."""
    return f"user-{user_id}"


def pool_owner_resolver(session_factory: sessionmaker[Session]) -> Callable[[str], str]:
    """A function naming the owner of an account key (stored keys are looked up once; the pool caches)."""

    def owner_of(account_key: str) -> str:
        owner = parse_account_key(account_key)
        if owner.user_id is not None:
            return user_owner_key(owner.user_id)
        with session_factory() as db:
            account = db.get(EModalAccount, owner.account_id)
            # A deleted account's key owns itself: it cannot crowd out anyone for long.
            return user_owner_key(account.user_id) if account is not None else account_key

    return owner_of
