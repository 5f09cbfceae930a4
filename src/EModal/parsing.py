"""Turn the portal's row texts into records, without touching the browser."""

from __future__ import annotations

import re
from dataclasses import fields

from EModal.container_number import strip_status_letter
from EModal.records import CONTAINER_COLUMNS, Container

ICON_WORDS = frozenset({"keyboard_arrow_right", "keyboard_arrow_down", "info", "more_vert", "check_box_outline_blank"})
_COLUMN_COUNT = len(CONTAINER_COLUMNS)
_FIELD_NAMES = [f.name for f in fields(Container)][:_COLUMN_COUNT]


_ICON_ALTERNATION = "|".join(sorted(ICON_WORDS, key=len, reverse=True))
_LEADING_ICONS = re.compile(rf"^(?:\s*(?:{_ICON_ALTERNATION}))+")
_TRAILING_ICONS = re.compile(rf"(?:(?:{_ICON_ALTERNATION})\s*)+$")


def _strip_icons(cell: str) -> str:
    """Remove Material icon ligature words at a cell's edges (glued to the value or not)."""
    text = " ".join(cell.replace("\xa0", " ").split())
    text = _LEADING_ICONS.sub("", text).strip()
    return _TRAILING_ICONS.sub("", text).strip()


def container_from_cells(cells: list[str]) -> Container:
    """Build a `Container` from the 18 cell texts in column order (icon words removed)."""
    values = [_strip_icons(cell) for cell in cells[:_COLUMN_COUNT]]
    values += [""] * (_COLUMN_COUNT - len(values))
    raw_number = values[0]
    number = strip_status_letter(raw_number)
    letter = raw_number[11:12] if number != raw_number else ""
    return Container(**dict(zip(_FIELD_NAMES, [number, *values[1:]], strict=True)), load_letter=letter)


def split_row_text(text: str) -> list[str]:
    """Split a row's text: 15 tab-separated cells, then Fees, LFD/GTD and Tags on lines of their own."""
    lines = [line for line in text.replace("\r", "").split("\n")]
    tabbed_index = next((i for i, line in enumerate(lines) if "\t" in line), None)
    if tabbed_index is None:
        return [_strip_icons(line) for line in lines if _strip_icons(line)]
    # Icon words on lines of their own (before or after the cells) are not values.
    head = " ".join(_strip_icons(line) for line in lines[:tabbed_index])
    cells = lines[tabbed_index].split("\t")
    if head:
        cells[0] = head + " " + cells[0]
    cells = [_strip_icons(cell) for cell in cells]
    tail = [_strip_icons(line) for line in lines[tabbed_index + 1 :]]
    tail = [line for line in tail if line]
    first = cells[:15]
    first += [""] * (15 - len(first))
    extra = cells[15:] + tail
    extra = [value for value in extra if value]
    return first + extra[:3] + [""] * (3 - len(extra[:3]))


def container_from_row_text(text: str) -> Container:
    """Parse one row's text (as `innerText` reads it) into a `Container`."""
    return container_from_cells(split_row_text(text))
