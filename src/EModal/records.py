"""Typed records the connector returns."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import datetime
from pathlib import Path

from domain import next_move

CONTAINER_COLUMNS: tuple[str, ...] = (
    "Container #",
    "Trade Type",
    "Status",
    "Holds",
    "Pregate Ticket#",
    "Emodal Pregate Status",
    "Gate Status",
    "Origin",
    "Destination",
    "Current Loc",
    "Line",
    "Vessel Name",
    "Vessel Code",
    "Voyage",
    "Size Type",
    "Fees",
    "LFD/GTD",
    "Tags",
)


@dataclass(frozen=True)
class Container:
    """One row of the containers list, its 18 columns in portal order."""

    container_number: str
    trade_type: str
    status: str
    holds: str
    pregate_ticket: str
    emodal_pregate_status: str
    gate_status: str
    origin: str
    destination: str
    current_loc: str
    line: str
    vessel_name: str
    vessel_code: str
    voyage: str
    size_type: str
    fees: str
    lfd_gtd: str
    tags: str
    load_letter: str = ""

    @property
    def has_holds(self) -> bool:
        """Whether the Holds column reads YES."""
        return self.holds.upper() == "YES"

    @property
    def has_pregate_ticket(self) -> bool:
        """Whether a pregate ticket (even a masked one) exists."""
        return self.pregate_ticket not in ("", "N/A")

    @property
    def is_known(self) -> bool:
        """Whether the portal knows this container (unknown ones read N/A everywhere)."""
        return any(getattr(self, f.name) not in ("", "N/A") for f in fields(self)[1:18])

    def as_row(self) -> list[str]:
        """The 18 values in the portal's column order."""
        return [getattr(self, f.name) for f in fields(self)[:18]]


@dataclass(frozen=True)
class ContainerDetail:
    """The expanded row of one container: label/value pairs as the portal shows them."""

    container_number: str
    terminal: str
    booking_number: str
    fields: dict[str, str]
    container: Container | None = None

    def get(self, label: str, default: str = "") -> str:
        """Value shown under a field label (e.g. "Line Hold/Release")."""
        return self.fields.get(label, default)


@dataclass(frozen=True)
class Milestone:
    """One timeline milestone: its name, its date as shown, and whether it is reached."""

    name: str
    date: str
    reached: bool

    @property
    def when(self) -> datetime | None:
        """The date parsed, or None for N/A."""
        for fmt in ("%m/%d/%Y %H:%M", "%m/%d/%Y"):
            try:
                return datetime.strptime(self.date, fmt)
            except ValueError:
                continue
        return None


@dataclass(frozen=True)
class Timeline:
    """A container's timeline, the pregate decision and the evidence screenshot."""

    container_number: str
    trade_type: str
    milestones: list[Milestone]
    passed_pregate: bool
    detection_method: str
    screenshot_png: bytes = field(repr=False, default=b"")
    screenshot_path: Path | None = None

    @property
    def next_move(self) -> str:
        """The move this container needs next, by the domain's one rule."""
        return next_move(self.trade_type, self.passed_pregate)

    def milestone(self, name: str) -> Milestone | None:
        """The milestone of that name, if shown."""
        wanted = name.strip().lower()
        return next((m for m in self.milestones if m.name.strip().lower() == wanted), None)


_SLOT = re.compile(r"^(?P<day>\w+)\s+(?P<date>\d{2}/\d{2}/\d{4})\s+(?P<start>\d{2}:\d{2})\s*-\s*(?P<end>\d{2}:\d{2})")


@dataclass(frozen=True)
class AppointmentSlot:
    """An appointment time window offered by the wizard, e.g. "Thursday 10/02/2025 07:00 - 12:00"."""

    text: str
    date: str = ""
    start: str = ""
    end: str = ""

    @classmethod
    def parse(cls, text: str) -> AppointmentSlot:
        """Read an option text into its parts (unparsed texts keep only `text`)."""
        clean = " ".join(text.split())
        match = _SLOT.match(clean)
        if not match:
            return cls(text=clean)
        return cls(text=clean, date=match["date"], start=match["start"], end=match["end"])

    @property
    def starts_at(self) -> datetime | None:
        """Start of the window, when the text could be parsed."""
        if not self.date:
            return None
        return datetime.strptime(f"{self.date} {self.start}", "%m/%d/%Y %H:%M")


@dataclass(frozen=True)
class Appointment:
    """One row of My Appointments, keyed by the portal's column names."""

    appointment_number: str
    columns: dict[str, str]

    def get(self, column: str, default: str = "") -> str:
        """Value in a column, by its header text."""
        return self.columns.get(column, default)


@dataclass(frozen=True)
class BookingResult:
    """What Submit produced, only as far as it was seen on the portal."""

    appointment_confirmed: bool
    appointment_number: str
    slot: AppointmentSlot
    seen_in_my_appointments: bool
    confirmation_text: str = ""
    appointment: Appointment | None = None


@dataclass(frozen=True)
class Credentials:
    """An E-Modal login and the captcha solver key; never printed."""

    username: str
    password: str = field(repr=False)
    captcha_api_key: str = field(repr=False)
