"""ISO 6346 container numbers: validation before any browser work, and the portal's trailing letter."""

from __future__ import annotations

import re
import string

from EModal.errors import InvalidContainerNumberError

_FORMAT = re.compile(r"^[A-Z]{3}[UJZ]\d{7}$")


def _letter_values() -> dict[str, int]:
    values: dict[str, int] = {}
    value = 10
    for letter in string.ascii_uppercase:
        if value % 11 == 0:  # 11, 22 and 33 are skipped
            value += 1
        values[letter] = value
        value += 1
    return values


_LETTER_VALUES = _letter_values()


def check_digit(first_ten: str) -> int:
    """Compute the ISO 6346 check digit of an owner code, category and serial."""
    total = 0
    for position, char in enumerate(first_ten):
        value = int(char) if char.isdigit() else _LETTER_VALUES[char]
        total += value * (2**position)
    return total % 11 % 10


def normalize_container_number(raw: str) -> str:
    """Return the upper-case 11-character number, or raise `InvalidContainerNumberError`."""
    number = re.sub(r"[\s-]", "", raw or "").upper()
    if not _FORMAT.match(number):
        raise InvalidContainerNumberError(raw, "expected 3 owner letters, U/J/Z, 6 serial digits and a check digit")
    expected = check_digit(number[:10])
    if int(number[10]) != expected:
        raise InvalidContainerNumberError(raw, f"check digit should be {expected}")
    return number


def is_valid_container_number(raw: str) -> bool:
    """Tell whether a string is a valid ISO 6346 container number."""
    try:
        normalize_container_number(raw)
    except InvalidContainerNumberError:
        return False
    return True


def strip_status_letter(cell: str) -> str:
    """Drop the extra L/E letter the portal appends to the 11-character number."""
    text = cell.strip()
    if len(text) == 12 and text[-1] in "LE" and _FORMAT.match(text[:11]):
        return text[:11]
    return text
