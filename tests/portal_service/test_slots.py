"""Choosing among offered appointment slots, as a dispatcher words it."""

from __future__ import annotations

from datetime import date

import pytest

from EModal import AppointmentSlot
from portal_service.slots import filter_slots, pick_slot

SLOTS = [AppointmentSlot.parse(t) for t in ("Thursday 10/02/2025 07:00 - 12:00", "Thursday 10/02/2025 12:00 - 17:00",
                                            "Friday 10/03/2025 07:00 - 12:00", "Friday 10/03/2025 18:00 - 23:00")]


@pytest.mark.parametrize(("wanted", "index"), [("first", 0), ("", 0), ("second", 1), ("last", 3), ("08:00", 0),
                                               ("8am", 0), ("13:00", 1), ("10/03 19:00", 3),
                                               ("Friday 10/03/2025 07:00 - 12:00", 2)])
def test_pick_slot(wanted: str, index: int) -> None:
    assert pick_slot(wanted, SLOTS) == SLOTS[index]


def test_pick_slot_none_when_nothing_fits() -> None:
    assert pick_slot("05:00", SLOTS) is None and pick_slot("first", []) is None


def test_filter_slots_by_day_and_morning() -> None:
    assert filter_slots(SLOTS, day=date(2025, 10, 3)) == SLOTS[2:]
    assert filter_slots(SLOTS, starting_before="12:00") == [SLOTS[0], SLOTS[2]]
