"""Files a use case produces (Excel, screenshots): where they are stored, their link, the one Excel writer."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from pydantic import BaseModel, ConfigDict

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PNG = "image/png"
FILES_PATH = "/files"


def file_url(file_id: str) -> str:
    """The download link of a stored file (the one place this URL is built)."""
    return f"{FILES_PATH}/{file_id}"


class StoredFile(BaseModel):
    """A stored file its owner can download."""

    model_config = ConfigDict(frozen=True)

    id: str
    filename: str
    kind: str
    url: str


class FileStore(Protocol):
    """Stores a produced file for its owner and gives back its reference."""

    def save(self, *, kind: str, filename: str, content_type: str, content: bytes) -> StoredFile: ...


def xlsx_bytes(sheet_title: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    """A one-sheet workbook with a frozen header row and columns wide enough to read."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = sheet_title[:31]
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    for index, name in enumerate(header, start=1):
        # Measured on the first rows only: a width is a reading aid, not worth a pass over 10,000 rows.
        width = max([len(name), *(len(str(r[index - 1])) for r in rows[:200] if len(r) >= index)])
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, 40)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def stamp() -> str:
    """A file-name timestamp."""
    return datetime.now().strftime("%Y%m%d-%H%M%S")
