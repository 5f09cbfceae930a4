"""The generated data: valid numbers, determinism, demo containers, timelines that agree with statuses."""

from __future__ import annotations

import datetime
import time

from sandbox.accounts import DISPATCH1, DISPATCH2
from sandbox.catalog import IMPORT_MILESTONES
from sandbox.dataset import (
    CLOSED_BOOKING,
    DEMO_ACTIONABLE,
    DEMO_BOOKING,
    DEMO_EMPTY_RETURNED,
    DEMO_EXPORT,
    DEMO_PREGATED,
    build_account_data,
)
from sandbox.iso6346 import is_valid
from sandbox.rows import cell_values

TODAY = datetime.date(2025, 9, 29)


class TestBuildAccountData:
    def test_numbers_are_valid_and_unique(self) -> None:
        data = build_account_data(DISPATCH1, 7, 500, TODAY)
        numbers = [c.number for c in data.containers]
        assert len(numbers) == 500 == len(set(numbers))
        assert all(is_valid(n) for n in numbers)

    def test_same_seed_same_data(self) -> None:
        first = build_account_data(DISPATCH2, 11, 200, TODAY)
        again = build_account_data(DISPATCH2, 11, 200, TODAY)
        other = build_account_data(DISPATCH2, 12, 200, TODAY)
        assert [cell_values(c) for c in first.containers] == [cell_values(c) for c in again.containers]
        assert [c.number for c in first.containers] != [c.number for c in other.containers]

    def test_accounts_have_their_own_data(self) -> None:
        one = {c.number for c in build_account_data(DISPATCH1, 7, 120, TODAY).containers}
        two = {c.number for c in build_account_data(DISPATCH2, 7, 120, TODAY).containers}
        assert DEMO_PREGATED in one and DEMO_PREGATED not in two
        assert len(one & two) < 5

    def test_ten_thousand_quickly(self) -> None:
        started = time.perf_counter()
        data = build_account_data(DISPATCH1, 7, 10_000, TODAY)
        assert len(data.containers) == 10_000
        assert time.perf_counter() - started < 5

    def test_demo_containers(self) -> None:
        data = build_account_data(DISPATCH1, 7, 120, TODAY)
        pregated = data.by_number[DEMO_PREGATED]
        assert pregated.trade_type == "IMPORT" and pregated.reached("Pregate")
        actionable = data.by_number[DEMO_ACTIONABLE]
        assert (actionable.status, actionable.holds, actionable.pregate_ticket) == ("IN YARD", False, None)
        assert actionable.destination == "ITS" and not actionable.reached("Pregate")
        assert data.by_number[DEMO_EXPORT].trade_type == "EXPORT"
        assert data.by_number[DEMO_EXPORT].booking_number == DEMO_BOOKING
        assert cell_values(data.by_number[DEMO_EMPTY_RETURNED])[0] == "HMMU9048448E"
        assert data.bookings[DEMO_BOOKING].open_quantity > 0 and data.bookings[CLOSED_BOOKING].open_quantity == 0

    def test_unknown_container_reads_na_everywhere(self) -> None:
        data = build_account_data(DISPATCH1, 7, 120, TODAY)
        unknown = [c for c in data.containers if not c.known]
        assert unknown and all(cell_values(c) == ["N/A"] * 18 for c in unknown)

    def test_timelines_agree_with_status(self) -> None:
        data = build_account_data(DISPATCH1, 7, 2000, TODAY)
        for c in (c for c in data.containers if c.known and c.trade_type == "IMPORT"):
            assert [m.name for m in c.milestones] == list(IMPORT_MILESTONES)
            if c.status == "ON VESSEL":
                assert not c.reached("Discharged") and not c.pregate_ticket
            if c.status in ("GATE OUT", "GATE IN"):
                assert c.reached("Pregate") and c.reached("Departed Terminal")
            if c.status == "GATE IN":
                assert c.reached("Empty Received") and not c.laden
            if c.holds:
                assert not c.reached("Ready for pick up") and not c.reached("Pregate")
            if c.reached("Pregate"):
                assert c.pregate_ticket

    def test_masked_tickets_are_star_runs(self) -> None:
        data = build_account_data(DISPATCH1, 7, 1000, TODAY)
        masked = [cell_values(c)[4] for c in data.containers if c.ticket_masked]
        assert masked and all(set(t) == {"*"} for t in masked)
