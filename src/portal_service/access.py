"""Which E-Modal login a use case acts through: a held portal session per use, credentials kept inside."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Protocol

from EModal import Credentials, PortalOperations, PortalPool


class PortalAccess(Protocol):
    """One E-Modal account (or one open portal session of it), held from the pool for the length of a use.

    `trucking_company` is the company the account dispatches for ("" when unknown: it is then read from the
    wizard's Trucking list).
    """

    account_label: str
    trucking_company: str

    def hold(self) -> AbstractContextManager[PortalOperations]: ...


class AccountPortalAccess:
    """An account's browser from the shared pool, logged in with its credentials if needed."""

    def __init__(
        self,
        pool: PortalPool,
        *,
        account_key: str,
        credentials: Credentials,
        account_label: str,
        trucking_company: str = "",
    ) -> None:
        self._pool = pool
        self._account_key = account_key
        self._credentials = credentials
        self.account_label = account_label
        self.trucking_company = trucking_company

    @contextmanager
    def hold(self) -> Iterator[PortalOperations]:
        """The account's portal session for the block."""
        with self._pool.hold(self._account_key, self._credentials) as ops:
            yield ops

    def __repr__(self) -> str:
        return f"AccountPortalAccess(account_label={self.account_label!r})"


class PortalSessionIdAccess:
    """An already open portal session, named by its id (no credentials: it cannot log in again)."""

    def __init__(self, pool: PortalPool, *, portal_session_id: str, account_label: str = "",
                 trucking_company: str = "") -> None:
        self._pool = pool
        self._portal_session_id = portal_session_id
        self.account_label = account_label or portal_session_id
        self.trucking_company = trucking_company

    @contextmanager
    def hold(self) -> Iterator[PortalOperations]:
        """That portal session for the block; `PortalSessionNotFoundError` once it is gone."""
        with self._pool.hold_by_id(self._portal_session_id) as ops:
            yield ops

    def __repr__(self) -> str:
        return f"PortalSessionIdAccess(portal_session_id={self._portal_session_id!r})"
