"""What a tool may reach during one run: the user's portal access, file and audit sinks, a stop signal."""

from __future__ import annotations

import threading
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Protocol

from EModal import PortalOperations


@dataclass(frozen=True)
class FileRef:
    """A stored file the user can download."""

    id: str
    url: str
    filename: str
    kind: str

    def as_dict(self) -> dict[str, str]:
        """The reference as plain JSON values."""
        return asdict(self)


class FileSink(Protocol):
    """Stores a file produced by a tool (export, report, screenshot) and gives back its link."""

    def save(self, kind: str, filename: str, content_type: str, content: bytes) -> FileRef: ...


class AuditSink(Protocol):
    """Appends consequential actions (booking approved / rejected / submitted) to the audit log."""

    def record(self, action: str, **detail: Any) -> None: ...


class PortalAccess(Protocol):
    """The current user's E-Modal account: a held portal session per use, credentials kept inside.

    `trucking_company` is the company the account dispatches for ("" when unknown: it is then read from the
    wizard's Trucking list).
    """

    account_label: str
    trucking_company: str

    def session(self) -> AbstractContextManager[PortalOperations]: ...


@dataclass
class AgentContext:
    """Per-run settings handed to the graph; never stored in a checkpoint."""

    user_id: int
    auth_session_id: str
    thread_id: str
    portal: PortalAccess | None
    files: FileSink
    audit: AuditSink
    cancel: threading.Event = field(default_factory=threading.Event)
    today: date | None = None

    def effective_today(self) -> date:
        """The day date words are relative to."""
        return self.today or date.today()
