"""Excel exports of containers and appointments, with the portal's column names."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from EModal.records import CONTAINER_COLUMNS, Appointment, Container


def _save(directory: Path, stem: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = stem[:31]
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    for index, name in enumerate(header, start=1):
        width = max([len(name), *(len(str(r[index - 1])) for r in rows[:200] if len(r) >= index)])
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, 40)
    sheet.freeze_panes = "A2"
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = directory / f"{stem}-{stamp}-{uuid.uuid4().hex[:8]}.xlsx"
    workbook.save(path)
    return path


def export_containers(containers: Sequence[Container], directory: Path) -> Path:
    """Write containers under the portal's 18 column names; return the file's path."""
    return _save(directory, "containers", CONTAINER_COLUMNS, [c.as_row() for c in containers])


def export_appointments(appointments: Sequence[Appointment], directory: Path) -> Path:
    """Write appointments under My Appointments' column names; return the file's path."""
    header: list[str] = []
    for appointment in appointments:
        for column in appointment.columns:
            if column not in header:
                header.append(column)
    rows = [[a.columns.get(column, "") for column in header] for a in appointments]
    return _save(directory, "appointments", header, rows)
