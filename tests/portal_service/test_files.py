"""File links and the one Excel writer."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from portal_service import file_url, xlsx_bytes


def test_file_url_is_the_download_route() -> None:
    assert file_url("abc123") == "/files/abc123"


def test_xlsx_has_the_header_frozen_and_every_row() -> None:
    content = xlsx_bytes("a very long sheet title that Excel would refuse", ["Container #", "Status"],
                         [["MSCU5165756", "IN YARD"], ["MSDU5772413", "GATE OUT"]])
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    assert len(sheet.title) == 31 and sheet.freeze_panes == "A2"
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["Container #", "Status"], ["MSCU5165756", "IN YARD"], ["MSDU5772413", "GATE OUT"]]
