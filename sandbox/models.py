"""Plain data records the sandbox serves: containers, export bookings, slots, appointments."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass(slots=True)
class Milestone:
    """One timeline step: its name, the date text the portal shows and whether it is reached."""

    name: str
    when: str
    reached: bool


@dataclass(slots=True)
class Container:
    """One row of the containers list; `known=False` rows show N/A in every cell."""

    number: str
    known: bool = True
    trade_type: str = "IMPORT"
    status: str = "IN YARD"
    holds: bool = False
    pregate_ticket: str | None = None
    ticket_masked: bool = False
    pregate_status: str | None = None
    gate_status: str | None = None
    origin: str | None = None
    destination: str | None = None
    current_loc: str | None = None
    line: str = "MSCU"
    vessel_name: str = ""
    vessel_code: str = ""
    voyage: str = ""
    size_type: str = "40GP"
    fees: float = 0.0
    lfd: datetime.date | None = None
    gtd: datetime.date | None = None
    tags: str | None = None
    laden: bool = True
    booking_number: str | None = None
    milestones: tuple[Milestone, ...] = ()

    def reached(self, name: str) -> bool:
        """Whether the timeline milestone `name` is reached."""
        return any(m.name == name and m.reached for m in self.milestones)


@dataclass(slots=True)
class ExportBooking:
    """An export booking: how many units of which size the line releases, and how many are still open."""

    number: str
    line: str
    size_type: str
    terminal: str
    quantity: int
    open_quantity: int


@dataclass(slots=True)
class Slot:
    """Capacity of one appointment window at a terminal for a move type on a day."""

    terminal: str
    move: str
    day: datetime.date
    window: str
    capacity: int
    booked: int = 0

    @property
    def slot_id(self) -> str:
        """Stable identifier used as the option value in the wizard."""
        return f"{self.terminal}|{self.move}|{self.day.isoformat()}|{self.window}"

    @property
    def remaining(self) -> int:
        """Units still bookable."""
        return self.capacity - self.booked

    @property
    def label(self) -> str:
        """Option text, e.g. "Thursday 10/02/2025 07:00 - 12:00"."""
        return f"{self.day.strftime('%A')} {self.day.strftime('%m/%d/%Y')} {self.window}"


@dataclass(slots=True)
class Appointment:
    """A booked truck visit as My Appointments lists it."""

    number: str
    terminal: str
    move: str
    day: datetime.date
    window: str
    company: str
    plate: str
    own_chassis: bool
    containers: tuple[str, ...] = ()
    booking_number: str | None = None
    pin: str = ""
    status: str = "SCHEDULED"
    created_at: datetime.datetime = field(default_factory=datetime.datetime.now)
