"""Typed results of the portal use cases: one JSON shape per record type, for the tools and the API alike."""

from __future__ import annotations

from typing import TypeAlias

from pydantic import BaseModel, ConfigDict, Field

from EModal import Appointment, Container, Milestone
from portal_service.files import StoredFile

MAX_ROWS = 15  # rows a dispatcher (or the model) is shown; the rest goes into a file


class PortalSessionRef(BaseModel):
    """The portal session a use ran in (a re-login during the use gives a new id)."""

    portal_session_id: str = ""
    is_new_session: bool = False


class PortalResult(BaseModel):
    """Base of every result: the files produced, and the portal session it ran in (not part of the JSON)."""

    portal_session: PortalSessionRef = Field(default_factory=PortalSessionRef, exclude=True)
    files: list[StoredFile] = Field(default_factory=list)


# A container row goes out exactly as the connector reads it: the portal's 18 columns (and the L/E letter).
ContainerRecord: TypeAlias = Container


class ContainerSummary(BaseModel):
    """The columns a dispatcher reads first (what the model is shown per container)."""

    container_number: str
    trade_type: str
    status: str
    holds: str
    pregate_ticket: str
    origin: str
    destination: str
    current_loc: str
    line: str
    size_type: str
    lfd_gtd: str

    @classmethod
    def of(cls, c: ContainerRecord) -> ContainerSummary:
        """The short view of a record."""
        return cls(container_number=c.container_number, trade_type=c.trade_type, status=c.status, holds=c.holds,
                   pregate_ticket=c.pregate_ticket, origin=c.origin, destination=c.destination,
                   current_loc=c.current_loc, line=c.line, size_type=c.size_type, lfd_gtd=c.lfd_gtd)


class ContainerList(PortalResult):
    """Containers matching the filters (first rows here, all of them in `files` when there are more)."""

    total_containers: int
    matched: int
    filters: dict[str, str | bool]
    containers: list[ContainerRecord]


class ContainerLookup(PortalResult):
    """One container's row; `known` is false when the portal shows N/A everywhere."""

    container_number: str
    known: bool
    container: ContainerRecord | None = None


class MilestoneOut(BaseModel):
    """One timeline milestone, its date as the portal shows it, and whether it is reached."""

    name: str
    date: str
    reached: bool

    @classmethod
    def of(cls, milestone: Milestone) -> MilestoneOut:
        """The record of a connector milestone."""
        return cls(name=milestone.name, date=milestone.date, reached=milestone.reached)


class ContainerTimeline(PortalResult):
    """Milestones, the pregate verdict with how it was decided, the next move; the screenshot in `files`."""

    container_number: str
    trade_type: str
    passed_pregate: bool
    detection_method: str
    next_move: str
    milestones: list[MilestoneOut]


class AppointmentRecord(BaseModel):
    """One row of My Appointments: its number, then every column under the portal's header text."""

    model_config = ConfigDict(extra="allow")

    appointment_number: str

    @classmethod
    def of(cls, appointment: Appointment) -> AppointmentRecord:
        """The record of a connector row."""
        return cls.model_validate({**appointment.columns, "appointment_number": appointment.appointment_number})

    def column(self, name: str) -> str:
        """The value under a portal column ("" when absent)."""
        extra = self.model_extra or {}
        return str(extra.get(name, ""))


class SlotFilters(BaseModel):
    """How the offered slots were narrowed ("" for no narrowing): days (inclusive) and start times of day."""

    day: str = ""  # one day; the same as day_from = day_to = day
    day_from: str = ""
    day_to: str = ""
    starting_after: str = ""  # HH:MM: only windows starting at or after it
    starting_before: str = ""  # HH:MM: only windows starting before it


class SlotCheck(PortalResult):
    """The wizard request as made up (and which fields were derived), and the slots it offers."""

    container_number: str
    trade_type: str
    terminal: str
    terminal_name: str
    move_type: str
    trucking_company: str
    truck_plate: str
    own_chassis: bool | None
    derived: list[str]
    filters: SlotFilters
    offered_count: int
    slot_count: int
    slots: list[str]
    available_times: list[str]
    appointment_session_id: str
    current_phase: int
    expires_in_seconds: int
    # Windows the wizard listed that had already ended at the terminal's local time (never offered).
    ended_count: int = 0
    # A live appointment the container already has for this move: then no slot is offered at all.
    already_booked: AppointmentRecord | None = None
    note: str = ""


class BookingOutcome(PortalResult):
    """What the portal confirmed for a booking."""

    container_number: str
    terminal: str
    move_type: str
    truck_plate: str
    own_chassis: bool | None
    trucking_company: str
    slot: str
    appointment_confirmed: bool
    appointment_number: str
    seen_in_my_appointments: bool


class AppointmentList(PortalResult):
    """My Appointments, newest first, optionally narrowed to a container or a status."""

    total: int
    matched: int
    appointments: list[AppointmentRecord]


class ContainersExport(PortalResult):
    """Every container of the account in one Excel file (in `files`)."""

    rows: int


class PortalSessionStatus(PortalResult):
    """Which account is used and whether its login is live."""

    account: str
    logged_in: bool
    new_login: bool
    portal_session_id: str


class CheckRow(BaseModel):
    """One container of the full check: its next move, terminal and earliest slot, or why none."""

    container_number: str
    trade_type: str = ""
    status: str = ""
    lfd: str = ""
    passed_pregate: bool | None = None
    move_type: str = ""
    terminal: str = ""
    terminal_name: str = ""
    earliest_slot: str = ""
    slots_offered: int = 0
    already_booked: str = ""  # the number of the live appointment that made the check skip this container
    note: str = ""


class CheckReport(PortalResult):
    """The full check: counts, the rows to act on first (with a slot, by LFD), the whole report in `files`."""

    total_containers: int
    actionable: int
    checked: int
    with_slots: int
    stopped_early: bool
    rows: list[CheckRow]
    # Containers skipped because they already have a live appointment for their next move.
    skipped_already_booked: list[str] = Field(default_factory=list)
