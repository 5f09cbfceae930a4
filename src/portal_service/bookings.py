"""What keeps a booking right: only windows that have not ended at the terminal, one appointment per move."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from EModal import Appointment, AppointmentRequest, AppointmentSlot
from portal_service.errors import InvalidArgumentError

# The ports the portal serves are in California; slot windows are written in the terminal's wall-clock time.
DEFAULT_TERMINAL_TIMEZONE = "America/Los_Angeles"
# Rows with these statuses no longer hold a visit: a new one for the same move is no double booking.
FINISHED_STATUSES = frozenset({"COMPLETED", "CANCELLED", "CANCELED", "EXPIRED", "DELETED"})
_TOKENS = re.compile(r"[\s,;/]+")

TerminalClock = Callable[[], datetime]  # the terminal's local time now, naive (as the portal writes slots)


def terminal_clock(zone: str = DEFAULT_TERMINAL_TIMEZONE) -> TerminalClock:
    """A clock reading the wall-clock time in `zone` (an IANA name such as America/Los_Angeles)."""
    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidArgumentError(f"Unknown time zone {zone!r}: use an IANA name such as America/Los_Angeles.") \
            from exc
    return lambda: datetime.now(tz).replace(tzinfo=None)


def window_end(slot: AppointmentSlot) -> datetime | None:
    """When the slot's window ends (a window ending at or before its start runs past midnight); None if unparsed."""
    start = slot.starts_at
    if start is None:
        return None
    try:
        hour, minute = (int(part) for part in slot.end.split(":"))
    except ValueError:
        return start  # no readable end: the window is over once it has started
    end = datetime.combine(start.date(), datetime.min.time()) + timedelta(hours=hour, minutes=minute)
    return end if end > start else end + timedelta(days=1)


def has_ended(slot: AppointmentSlot, now: datetime) -> bool:
    """Whether the window is over at `now` (the terminal's local time); unparsed slots never are."""
    end = window_end(slot)
    return end is not None and end <= now


def open_windows(slots: Sequence[AppointmentSlot], now: datetime) -> list[AppointmentSlot]:
    """The slots whose window has not ended."""
    return [s for s in slots if not has_ended(s, now)]


def _units(request: AppointmentRequest) -> set[str]:
    """The numbers My Appointments may list a request under (its container, or an export's booking)."""
    return {n.upper() for n in (request.container_number, request.unit_number, request.booking_number) if n}


def existing_appointment(appointments: Sequence[Appointment], request: AppointmentRequest) -> Appointment | None:
    """A live appointment (not completed or cancelled) for the same container and move type, if any."""
    units = _units(request)
    move = request.move_type.strip().upper()
    for appointment in appointments:
        if appointment.get("Status").strip().upper() in FINISHED_STATUSES:
            continue
        if move and appointment.get("Move Type").strip().upper() not in ("", move):
            continue
        listed = {t.upper() for t in _TOKENS.split(appointment.get("Container/Booking #")) if t}
        if units & listed:
            return appointment
    return None


def already_booked_note(appointment: Appointment, move_type: str) -> str:
    """What a dispatcher reads about a container skipped for its existing appointment."""
    when = " ".join(p for p in (appointment.get("Appointment Date"), appointment.get("Time Window")) if p)
    status = appointment.get("Status")
    return (f"already has appointment {appointment.appointment_number} for {move_type}"
            + (f" ({when}{', ' + status if status else ''})" if when or status else "") + ": skipped")
