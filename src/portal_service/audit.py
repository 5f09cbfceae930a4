"""The audit trail a use case writes consequential actions to (bookings submitted or not confirmed)."""

from __future__ import annotations

from typing import Protocol


class AuditTrail(Protocol):
    """Appends one entry per consequential action; the implementation knows the user, thread and channel."""

    def record(self, action: str, **detail: str | int | bool | None) -> None: ...
