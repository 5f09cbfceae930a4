"""ISO 6346 container numbers: normalisation, the check digit, validation."""

from __future__ import annotations

import re
import string

from domain.errors import DomainError

_FORMAT = re.compile(r"^[A-Z]{3}[UJZ]\d{7}$")
_OWNER_SERIAL = re.compile(r"^[A-Z]{4}\d{6}$")
# People type numbers as "MSCU 516575-6" or "MSCU.516575.6"; the portal knows only "MSCU5165756".
_SEPARATORS = re.compile(r"[\s.\-]")


class InvalidContainerNumber(DomainError, ValueError):
    """A container number fails the ISO 6346 format or check digit."""

    code = "invalid_container_number"

    def __init__(self, number: str, why: str) -> None:
        super().__init__(f"{number!r} is not a valid container number: {why}")
        self.number = number
        self.why = why


def _letter_values() -> dict[str, int]:
    values: dict[str, int] = {}
    value = 10
    for letter in string.ascii_uppercase:
        if value % 11 == 0:  # ISO 6346 skips 11, 22 and 33 so no letter weighs a multiple of 11
            value += 1
        values[letter] = value
        value += 1
    return values


_LETTER_VALUES = _letter_values()


def check_digit(owner_serial10: str) -> int:
    """The ISO 6346 check digit of an owner code, category letter and 6-digit serial ("MSCU516575" -> 6)."""
    text = owner_serial10.upper()
    if not _OWNER_SERIAL.match(text):
        raise InvalidContainerNumber(owner_serial10, "a check digit needs 4 letters and 6 digits")
    total = sum((int(char) if char.isdigit() else _LETTER_VALUES[char]) << position
                for position, char in enumerate(text))
    return total % 11 % 10  # a remainder of 10 is written as 0


def normalize_container_number(text: str) -> str:
    """The upper-case 11-character number without spaces, dashes or dots; `InvalidContainerNumber` if not one."""
    number = _SEPARATORS.sub("", text or "").upper()
    if not _FORMAT.match(number):
        raise InvalidContainerNumber(text, "expected 3 owner letters, U/J/Z, 6 serial digits and a check digit")
    expected = check_digit(number[:10])
    if int(number[10]) != expected:
        raise InvalidContainerNumber(text, f"check digit should be {expected}")
    return number


def is_valid_container_number(text: str) -> bool:
    """Whether a string is a valid ISO 6346 container number (separators and case aside)."""
    try:
        normalize_container_number(text)
    except InvalidContainerNumber:
        return False
    return True
