"""`PortalAccess` over the connector's pool: one account's credentials, kept out of every message."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from EModal import Credentials, PortalOperations, PortalSessionPool


class PoolPortalAccess:
    """Holds the account's browser from the shared pool for the length of one tool call."""

    def __init__(
        self,
        pool: PortalSessionPool,
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
    def session(self) -> Iterator[PortalOperations]:
        """The account's portal session, logged in if needed."""
        with self._pool.session(self._account_key, self._credentials) as ops:
            yield ops

    def __repr__(self) -> str:
        return f"PoolPortalAccess(account_label={self.account_label!r})"
