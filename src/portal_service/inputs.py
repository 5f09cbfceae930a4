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
