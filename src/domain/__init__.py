"""The dispatcher's vocabulary: container numbers, terminals, move types, times and dates (stdlib only)."""

from domain.clock import (
    TERMINAL_TIMEZONE,
    InvalidDate,
    InvalidTime,
    TimeWindow,
    lfd_date,
    local_now,
    local_today,
    parse_clock,
    parse_day,
    parse_time_window,
    require_clock,
    spell_day,
)
from domain.container_numbers import (
    InvalidContainerNumber,
    check_digit,
    is_valid_container_number,
    normalize_container_number,
)
from domain.errors import DomainError
from domain.moves import EXPORT_MOVES, MOVE_TYPES, next_move, normalize_move_type
from domain.terminals import (
    TERMINAL_ALIASES,
    TERMINAL_NAMES,
    closest_terminal,
    edit_distance,
    terminal_code,
    terminal_code_for,
    terminal_name,
)

__all__ = [
    "EXPORT_MOVES",
    "MOVE_TYPES",
    "TERMINAL_ALIASES",
    "TERMINAL_NAMES",
    "TERMINAL_TIMEZONE",
    "DomainError",
    "InvalidContainerNumber",
    "InvalidDate",
    "InvalidTime",
    "TimeWindow",
    "check_digit",
    "closest_terminal",
    "edit_distance",
    "is_valid_container_number",
    "lfd_date",
    "local_now",
    "local_today",
    "next_move",
    "normalize_container_number",
    "normalize_move_type",
    "parse_clock",
    "parse_day",
    "parse_time_window",
    "require_clock",
    "spell_day",
    "terminal_code",
    "terminal_code_for",
    "terminal_name",
]
