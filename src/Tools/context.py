"""What a tool may reach during one run, as the tools see it (the graph's `AgentContext` satisfies it)."""

from __future__ import annotations

import threading
from datetime import date, datetime
from typing import Protocol

from portal_service import AuditTrail, FileStore, PortalAccess


class ToolContext(Protocol):
    """The user's portal access (None when no account is selected), file store, audit trail, stop signal."""

    @property
    def portal(self) -> PortalAccess | None: ...

    @property
    def files(self) -> FileStore: ...

    @property
    def audit(self) -> AuditTrail: ...

    @property
    def cancel(self) -> threading.Event: ...

    def terminal_now(self) -> datetime:
        """The terminal's local wall-clock time (slot windows that ended before it are never offered)."""
        ...

    def effective_today(self) -> date:
        """The day date words are relative to."""
        ...
