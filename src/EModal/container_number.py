"""Container numbers at the connector's edge: the domain's ISO 6346 rule, and the portal's trailing letter."""

from __future__ import annotations

import re

from domain import InvalidContainerNumber, normalize_container_number
from EModal.errors import InvalidContainerNumberError

# The list shows "MSDU5772413L" (loaded) or "...E" (empty); the check digit is not checked here, so a row the
# portal holds under a mistyped number is still found by that number.
_NUMBER_WITH_LETTER = re.compile(r"^([A-Z]{3}[UJZ]\d{7})[LE]$")


def checked_container_number(text: str) -> str:
    """The normalised number, refused before any browser work with the connector's own error."""
    try:
        return normalize_container_number(text)
    except InvalidContainerNumber as error:
        raise InvalidContainerNumberError.from_domain(error) from None


def strip_status_letter(cell: str) -> str:
    """Drop the extra L/E letter the portal appends to the 11-character number."""
    text = cell.strip()
    match = _NUMBER_WITH_LETTER.match(text)
    return match[1] if match else text
