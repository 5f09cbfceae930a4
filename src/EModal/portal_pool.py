"""What the rest of the product needs of a portal pool, whichever keeps it (this process, or a cluster)."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Protocol

from EModal.operations import PortalOperations
from EModal.pool_stats import PoolStats
from EModal.records import Credentials


class PortalPool(Protocol):
    """A bounded, fair pool of logged-in browsers, one per account, one operation at a time per browser."""

    def hold(self, account_key: str, credentials: Credentials) -> AbstractContextManager[PortalOperations]:
        """Hold the account's portal session (reused or newly logged in) for the operations of one request."""
        ...

    def hold_by_id(self, portal_session_id: str) -> AbstractContextManager[PortalOperations]:
        """Hold a live portal session found by its id (`PortalSessionNotFoundError` once it is gone)."""
        ...

    def close(self, portal_session_id: str) -> bool:
        """Close the portal session with that id; False if none is live."""
        ...

    def close_account(self, account_key: str) -> bool:
        """Close the account's portal session; False if it had none."""
        ...

    def close_owner(self, owner: str) -> int:
        """Close every portal session of one owner (a disabled user); return how many."""
        ...

    def usage(self) -> tuple[int, int]:
        """Live browsers and the limit, cheaply."""
        ...

    def stats(self) -> PoolStats:
        """Live browsers, the limit, and each portal session's idle time."""
        ...

    def shutdown(self) -> None:
        """Stop background work and let go of this process's browsers."""
        ...
