"""The graph's context schema: what one run may reach (portal access, file store, audit trail, stop signal)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date

from portal_service.access import PortalAccess
from portal_service.audit import AuditTrail
from portal_service.files import FileStore


@dataclass
class AgentContext:
    """Per-run settings handed to the graph (never stored in a checkpoint); tools see it as a `ToolContext`."""

    user_id: int
    auth_session_id: str
    thread_id: str
    portal: PortalAccess | None
    files: FileStore
    audit: AuditTrail
    cancel: threading.Event = field(default_factory=threading.Event)
    today: date | None = None

    def effective_today(self) -> date:
        """The day date words are relative to."""
        return self.today or date.today()
