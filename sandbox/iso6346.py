"""ISO 6346 container numbers: letter values and the check digit."""

from __future__ import annotations

import re
import string

_NUMBER = re.compile(r"^[A-Z]{3}[UJZ]\d{7}$")


def _letter_values() -> dict[str, int]:
    values: dict[str, int] = {}
    value = 10
    for letter in string.ascii_uppercase:
        if value % 11 == 0:  # 11, 22 and 33 are skipped
            value += 1
        values[letter] = value
        value += 1
    return values


LETTER_VALUES = _letter_values()


def check_digit(prefix: str) -> int:
    """Check digit of the first ten characters (owner code, category, serial)."""
    if len(prefix) != 10:
        raise ValueError(f"need 10 characters, got {prefix!r}")
    total = 0
    for position, char in enumerate(prefix):
        value = LETTER_VALUES[char] if char.isalpha() else int(char)
        total += value * (2**position)
    return total % 11 % 10


def is_valid(number: str) -> bool:
    """Whether `number` is a well-formed container number with the right check digit."""
    return bool(_NUMBER.match(number)) and check_digit(number[:10]) == int(number[10])


def make_number(owner: str, category: str, serial: int) -> str:
    """Build a valid container number from a 3-letter owner code, category letter and serial."""
    prefix = f"{owner}{category}{serial:06d}"
    return prefix + str(check_digit(prefix))
