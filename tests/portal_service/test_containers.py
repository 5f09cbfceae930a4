"""Filtering the containers list as a dispatcher words it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from EModal import Container
from portal_service import ContainerFilters, InvalidArgumentError
from portal_service.containers import by_lfd

ROW = Container("MSCU5165756", "IMPORT", "IN YARD", "NO", "N/A", "N/A", "N/A", "TTI", "ITS", "PCT", "MSCU",
                "MSC ANNA", "9702089", "GO537N", "40GP", "0", "10/03/2025 - 10/04/2025", "")
UNKNOWN = Container("MSDU5772413", *["N/A"] * 17)


def test_filters_read_terminal_names_and_dates() -> None:
    filters = ContainerFilters.from_text(status="in yard", terminal="Long Beach Container Terminal",
                                         lfd_from="10/01/2025", lfd_to="2025-10-05")
    assert (filters.status, filters.terminal) == ("IN YARD", "BNLPC")
    assert (filters.lfd_from, filters.lfd_to) == (date(2025, 10, 1), date(2025, 10, 5))
    assert filters.applied() == {"status": "IN YARD", "terminal": "BNLPC", "lfd_from": "2025-10-01",
                                 "lfd_to": "2025-10-05"}


def test_a_bad_date_says_which_field_and_how_to_write_it() -> None:
    with pytest.raises(InvalidArgumentError, match="lfd_to") as caught:
        ContainerFilters.from_text(lfd_to="next tuesday")
    assert caught.value.code == "invalid_date"


@pytest.mark.parametrize(("filters", "kept"), [
    (ContainerFilters(), True),
    (ContainerFilters(status="IN YARD", trade_type="IMPORT", holds="NO"), True),
    (ContainerFilters(holds="YES"), False),
    (ContainerFilters(terminal="PCT"), True),  # Current Loc counts
    (ContainerFilters(terminal="SSA"), False),
    (ContainerFilters(lfd_from=date(2025, 10, 3), lfd_to=date(2025, 10, 3)), True),
    (ContainerFilters(lfd_from=date(2025, 10, 4)), False),
])
def test_matches(filters: ContainerFilters, kept: bool) -> None:
    assert filters.matches(ROW) is kept


def test_unknown_rows_and_rows_without_lfd_never_match_a_date_range() -> None:
    assert not ContainerFilters().matches(UNKNOWN)
    assert not ContainerFilters(lfd_to=date(2030, 1, 1)).matches(replace(ROW, lfd_gtd="N/A"))
    assert ContainerFilters(without_pregate_ticket=True).matches(ROW)
    assert not ContainerFilters(without_pregate_ticket=True).matches(replace(ROW, pregate_ticket="*******"))


def test_by_lfd_puts_the_earliest_first_and_unknown_dates_last() -> None:
    late = replace(ROW, container_number="TGHU0000001", lfd_gtd="10/09/2025")
    none = replace(ROW, container_number="AAAU0000001", lfd_gtd="N/A")
    assert [c.container_number for c in by_lfd([none, late, ROW])] == ["MSCU5165756", "TGHU0000001", "AAAU0000001"]
