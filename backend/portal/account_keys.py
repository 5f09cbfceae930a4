"""Pool keys naming whose browser a portal session is: a stored account, or inline credentials of a user."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

STORED_PREFIX = "account-"
INLINE_PREFIX = "inline-"


@dataclass(frozen=True)
class AccountKeyOwner:
    """Who a pool key belongs to."""

    user_id: int | None
    account_id: int | None


def stored_account_key(account_id: int) -> str:
    """The pool key of a stored E-Modal account."""
    return f"{STORED_PREFIX}{account_id}"


def inline_account_key(*, user_id: int, username: str, password: str, captcha_api_key: str) -> str:
    """The pool key of credentials given inline by one user (a digest, never the secrets)."""
    digest = hashlib.sha256("\x00".join((username, password, captcha_api_key)).encode()).hexdigest()[:20]
    return f"{INLINE_PREFIX}{user_id}-{digest}"


def parse_account_key(account_key: str) -> AccountKeyOwner:
    """The owner named by a pool key (user only known directly for inline keys)."""
    if account_key.startswith(STORED_PREFIX):
        return AccountKeyOwner(user_id=None, account_id=int(account_key.removeprefix(STORED_PREFIX)))
    if account_key.startswith(INLINE_PREFIX):
        user_part = account_key.removeprefix(INLINE_PREFIX).split("-", 1)[0]
        return AccountKeyOwner(user_id=int(user_part), account_id=None)
    raise ValueError(f"not a pool key: {account_key!r}")
