"""Where the pool reports portal-session events; the backend implements it over its database."""

from __future__ import annotations

from typing import Protocol

from EModal.browser import RemoteSession


class PortalSessionRecorder(Protocol):
    """Persistence of portal sessions (browsers logged into E-Modal), as the pool sees them."""

    def find_live_portal_session(self, account_key: str) -> str | None:
        """Return the persisted live portal session id of an account, if any."""
        ...

    def portal_session_started(self, account_key: str, portal_session_id: str, *,
                               remote: RemoteSession | None = None) -> None:
        """Record a new logged-in portal session (and where its browser lives, when remote)."""
        ...

    def portal_session_replaced(self, account_key: str, old_id: str, new_id: str, *,
                                remote: RemoteSession | None = None) -> None:
        """Record that a re-login replaced one portal session id by another (clear old, then save new)."""
        ...

    def portal_session_used(self, account_key: str, portal_session_id: str) -> None:
        """Record that an operation just used the portal session."""
        ...

    def portal_session_closed(self, account_key: str, portal_session_id: str, reason: str) -> None:
        """Record that the portal session is gone (closed, evicted, logged out, browser died)."""
        ...


class NullRecorder:
    """A recorder that keeps nothing, for callers without persistence."""

    def find_live_portal_session(self, account_key: str) -> str | None:
        """Know of no persisted session."""
        return None

    def portal_session_started(self, account_key: str, portal_session_id: str, *,
                               remote: RemoteSession | None = None) -> None:
        """Ignore."""

    def portal_session_replaced(self, account_key: str, old_id: str, new_id: str, *,
                                remote: RemoteSession | None = None) -> None:
        """Ignore."""

    def portal_session_used(self, account_key: str, portal_session_id: str) -> None:
        """Ignore."""

    def portal_session_closed(self, account_key: str, portal_session_id: str, reason: str) -> None:
        """Ignore."""
