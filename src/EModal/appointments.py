"""Appointment requests and the resumable appointment session that carries one through the wizard."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field, replace
from typing import Any

from domain import EXPORT_MOVES, MOVE_TYPES
from domain import terminal_name as wizard_terminal_name
from EModal.container_number import checked_container_number
from EModal.errors import AppointmentSessionError, MissingFieldError
from EModal.records import AppointmentSlot


@dataclass(frozen=True)
class AppointmentRequest:
    """What the wizard needs, phase by phase; blanks are asked for with `MissingFieldError`."""

    trade_type: str = "IMPORT"
    trucking_company: str = ""
    terminal: str = ""
    move_type: str = ""
    container_number: str = ""
    booking_number: str = ""
    quantity: int | None = None
    line: str = ""
    equip_size: str = ""
    pin: str = ""
    truck_plate: str = ""
    own_chassis: bool | None = None
    unit_number: str = ""
    seals: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        move = self.move_type.strip().upper()
        object.__setattr__(self, "move_type", move)
        # The wizard shows the export form for the export moves, whatever the caller called it.
        trade = "EXPORT" if move in EXPORT_MOVES else ("IMPORT" if move else self.trade_type.strip().upper())
        object.__setattr__(self, "trade_type", trade or "IMPORT")
        if self.container_number:
            object.__setattr__(self, "container_number", checked_container_number(self.container_number))

    @property
    def terminal_name(self) -> str:
        """The wizard's terminal name, accepting a terminal code (TTI, ITS, ...) too."""
        return wizard_terminal_name(self.terminal)

    def merged(self, **changes: Any) -> AppointmentRequest:
        """A copy with the given non-empty fields filled in."""
        given = {k: v for k, v in changes.items() if v not in (None, "", ())}
        return replace(self, **given)

    def require_phase_1(self, variant: bool, appointment_session_id: str = "") -> None:
        """Raise `MissingFieldError` for the first phase-1 field left blank."""
        needed = ["trucking_company", "terminal", "move_type"]
        if self.trade_type == "EXPORT":
            needed += ["booking_number", "quantity"]
        elif variant:
            needed += ["line", "equip_size", "quantity"]
        else:
            needed += ["container_number"]
        self._require(1, needed, appointment_session_id)
        if self.move_type not in MOVE_TYPES:
            raise MissingFieldError(1, "move_type", appointment_session_id, "one of " + ", ".join(MOVE_TYPES))

    def require_phase_2(self, appointment_session_id: str = "") -> None:
        """Raise `MissingFieldError` for the first phase-2 field left blank."""
        needed = ["truck_plate", "own_chassis"]
        if self.trade_type == "EXPORT":
            needed.insert(0, "unit_number")
        self._require(2, needed, appointment_session_id)

    def _require(self, phase: int, names: list[str], appointment_session_id: str) -> None:
        for name in names:
            if getattr(self, name) in (None, "", ()):
                raise MissingFieldError(phase, name, appointment_session_id)


@dataclass
class AppointmentSession:
    """A wizard in progress in one portal session's browser; lives 10 minutes from its last step."""

    portal_session_id: str
    request: AppointmentRequest
    lifetime_seconds: float = 600.0
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    phase: int = 1
    available_times: list[AppointmentSlot] = field(default_factory=list)
    variant_form: bool = False
    booked: bool = False
    touched_at: float = field(default_factory=time.monotonic)

    @property
    def expires_in_seconds(self) -> float:
        """Seconds left before the session expires."""
        return self.lifetime_seconds - (time.monotonic() - self.touched_at)

    @property
    def expired(self) -> bool:
        """Whether the 10 minutes are over."""
        return self.expires_in_seconds <= 0

    def touch(self) -> None:
        """Restart the 10 minutes."""
        self.touched_at = time.monotonic()

    def check_usable(self) -> None:
        """Raise `AppointmentSessionError` when expired or already booked."""
        if self.expired:
            raise AppointmentSessionError(self.id, "expired (appointment sessions live 10 minutes)")
        if self.booked:
            raise AppointmentSessionError(self.id, "already used for a booking")
