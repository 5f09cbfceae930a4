"""The graph's context schema: what one run may reach (portal access, file store, audit trail, stop signal)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date, datetime

from portal_service.access import PortalAccess
from portal_service.audit import AuditTrail
from portal_service.bookings import DEFAULT_TERMINAL_TIMEZONE, terminal_clock
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
    terminal_timezone: str = DEFAULT_TERMINAL_TIMEZONE  # IANA zone the terminals' slot windows are written in
    now: datetime | None = None  # pins the terminal's local time (tests); None reads the clock

    def terminal_now(self) -> datetime:
        """The terminal's local wall-clock time (naive, as slot windows are written)."""
        return self.now or terminal_clock(self.terminal_timezone)()

    def effective_today(self) -> date:
        """The day date words are relative to: the terminal's, not the server's ("today" at 5 pm in Long Beach)."""
        return self.today or (self.now.date() if self.now else self.terminal_now().date())
