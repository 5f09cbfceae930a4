"""The full check's report: the rows to act on first, and the Excel file."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from portal_service import CheckRow
from portal_service.check import REPORT_COLUMNS, first_to_act_on, report_file
from tests.support.doubles import MemoryFileStore

LATE = CheckRow(container_number="MSCU5165756", lfd="2025-10-09", earliest_slot="Thursday 10/02/2025 07:00 - 12:00",
                slots_offered=3, passed_pregate=False)
SOON = CheckRow(container_number="MSDU5772413", lfd="2025-10-03", earliest_slot="Friday 10/03/2025 07:00 - 12:00",
                slots_offered=1, passed_pregate=True)
NONE = CheckRow(container_number="TGHU1234567", note="No Appointments Available")


def test_rows_with_a_slot_come_first_by_last_free_day() -> None:
    assert first_to_act_on([NONE, LATE, SOON]) == [SOON, LATE]
    assert first_to_act_on([NONE]) == [NONE]


def test_the_report_has_every_row_with_yes_no_for_pregate() -> None:
    files = MemoryFileStore()
    stored = report_file(files, [LATE, NONE])
    assert stored.kind == "report" and stored.url == f"/files/{stored.id}"
    sheet = load_workbook(io.BytesIO(files.contents[stored.id])).active
    assert sheet is not None
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == list(REPORT_COLUMNS)
    assert rows[1][0] == "MSCU5165756" and rows[1][4] == "NO" and rows[2][4] is None
