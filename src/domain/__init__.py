"""The dispatcher's vocabulary: container numbers, terminals, move types, times and dates (stdlib only)."""

from domain.clock import InvalidDate, InvalidTime, lfd_date, parse_clock, parse_day, require_clock
from domain.container_numbers import (
    InvalidContainerNumber,
    check_digit,
    is_valid_container_number,
    normalize_container_number,
)
from domain.errors import DomainError
from domain.moves import EXPORT_MOVES, MOVE_TYPES, next_move, normalize_move_type
from domain.terminals import TERMINAL_ALIASES, TERMINAL_NAMES, terminal_code, terminal_code_for, terminal_name

__all__ = [
    "EXPORT_MOVES",
    "MOVE_TYPES",
    "TERMINAL_ALIASES",
    "TERMINAL_NAMES",
    "DomainError",
    "InvalidContainerNumber",
    "InvalidDate",
    "InvalidTime",
    "check_digit",
    "is_valid_container_number",
    "lfd_date",
    "next_move",
    "normalize_container_number",
    "normalize_move_type",
    "parse_clock",
    "parse_day",
    "require_clock",
    "terminal_code",
    "terminal_code_for",
    "terminal_name",
]
