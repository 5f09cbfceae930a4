"""Reading what a dispatcher typed through the domain vocabulary, raised as this package's errors."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

import domain
from portal_service.errors import InvalidArgumentError

T = TypeVar("T")


def _read(parse: Callable[[], T]) -> T:
    # Callers of the service catch one error tree; the domain's code (e.g. invalid_container_number) is kept.
    try:
        return parse()
    except domain.DomainError as exc:
        raise InvalidArgumentError(str(exc), code=exc.code) from exc


def container_number(text: str) -> str:
    """The normalised ISO 6346 number; `InvalidArgumentError` (code invalid_container_number) if not one."""
    return _read(lambda: domain.normalize_container_number(text))


def day(text: str, name: str = "day") -> date | None:
    """A day as YYYY-MM-DD or MM/DD/YYYY; None for blank text."""
    return _read(lambda: domain.parse_day(text, field=name))


def clock(text: str, name: str = "starting_before") -> str:
    """A time of day as HH:MM; "" for blank text."""
    return _read(lambda: domain.require_clock(text, field=name))


def slot_window(*, day_text: str = "", day_from: str = "", day_to: str = "", starting_after: str = "",
                starting_before: str = "") -> domain.TimeWindow:
    """The days and start times slots are narrowed to; one `day` is a range of one day."""
    one = day(day_text)
    first, last = day(day_from, "day_from"), day(day_to, "day_to")
    if one is not None and (first not in (None, one) or last not in (None, one)):
        raise InvalidArgumentError("Give either day or day_from/day_to, not both with different days.")
    first, last = (one, one) if one is not None else (first, last)
    if first is not None and last is not None and first > last:
        raise InvalidArgumentError(f"day_from {first.isoformat()} is after day_to {last.isoformat()}.")
    return domain.TimeWindow(day_from=first, day_to=last, starting_after=clock(starting_after, "starting_after"),
                             starting_before=clock(starting_before, "starting_before"))


def move_type(text: str) -> str:
    """One of the wizard's four move types; "" for blank text."""
    if not text.strip():
        return ""
    move = domain.normalize_move_type(text)
    if not move:
        raise InvalidArgumentError(f"move_type must be {', '.join(domain.MOVE_TYPES)}, not {text!r}")
    return move


def terminal(text: str) -> str:
    """A wizard terminal code from a code, name or alias; "" for blank text."""
    if not text.strip():
        return ""
    code = domain.terminal_code(text)
    if not code:
        raise InvalidArgumentError(f"Unknown terminal {text!r}; known: " + ", ".join(domain.TERMINAL_NAMES))
    return code
