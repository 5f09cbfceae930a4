"""Times of day and dates as dispatchers and the portal write them."""

from __future__ import annotations

import re
from datetime import date, datetime

from domain.errors import DomainError

_CLOCK = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$")
_DAY_FORMATS = ("%Y-%m-%d", "%m/%d/%Y")  # what the API documents, and what the portal shows


class InvalidDate(DomainError, ValueError):
    """A date that is neither YYYY-MM-DD nor MM/DD/YYYY, or no such day."""

    code = "invalid_date"

    def __init__(self, text: str, field: str = "day") -> None:
        super().__init__(f"{field} must be a date as YYYY-MM-DD or MM/DD/YYYY, not {text!r}")
        self.text = text
        self.field = field


class InvalidTime(DomainError, ValueError):
    """A time of day that cannot be read ("8", "8:30", "2pm", "14:30" can)."""

    code = "invalid_time"

    def __init__(self, text: str, field: str = "time") -> None:
        super().__init__(f"{field} must be a time of day such as 08:00, 8am or 14:30, not {text!r}")
        self.text = text
        self.field = field


def parse_clock(text: str) -> str:
    """"8", "8:00", "8am", "14:30" -> "HH:MM"; "" when not a time of day."""
    match = _CLOCK.match(text.strip().lower())
    if not match:
        return ""
    hour, minute, half = int(match[1]), int(match[2] or 0), match[3]
    if half and not 1 <= hour <= 12:
        return ""  # "13pm" and "0am" are not times
    if half == "pm" and hour < 12:
        hour += 12
    if half == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return ""
    return f"{hour:02d}:{minute:02d}"


def require_clock(text: str, *, field: str = "time") -> str:
    """Like `parse_clock`, but "" for blank text and `InvalidTime` for text that is not a time."""
    if not text.strip():
        return ""
    clock = parse_clock(text)
    if not clock:
        raise InvalidTime(text, field)
    return clock


def parse_day(text: str, *, field: str = "day") -> date | None:
    """A day from YYYY-MM-DD or MM/DD/YYYY; None for blank text, `InvalidDate` naming `field` otherwise."""
    clean = (text or "").strip()
    if not clean:
        return None
    for fmt in _DAY_FORMATS:
        try:
            return datetime.strptime(clean, fmt).date()
        except ValueError:
            continue
    raise InvalidDate(text, field)


def lfd_date(lfd_gtd_text: str) -> date | None:
    """The Last Free Day: the first date of the portal's LFD/GTD cell ("10/03/2025 - 10/04/2025"); None if none."""
    first = (lfd_gtd_text or "").split("-")[0].strip()
    try:
        return datetime.strptime(first, "%m/%d/%Y").date()
    except ValueError:
        return None
