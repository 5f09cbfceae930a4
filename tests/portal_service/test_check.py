"""Which containers the full check treats as actionable."""

from __future__ import annotations

from dataclasses import replace

from EModal import Container
from portal_service.check import is_actionable

ROW = Container("MSCU5165756", "IMPORT", "IN YARD", "NO", "N/A", "N/A", "N/A", "TTI", "ITS", "PCT", "MSCU",
                "MSC ANNA", "9702089", "GO537N", "40GP", "0", "10/03/2025 - 10/04/2025", "")


def test_actionable_means_holds_no_and_no_pregate_ticket() -> None:
    assert is_actionable(ROW)
    assert not is_actionable(replace(ROW, holds="YES"))
    assert not is_actionable(replace(ROW, pregate_ticket="TTI-1007-88006 396220"))
    assert not is_actionable(replace(ROW, pregate_ticket="*******"))
