"""Choosing among offered appointment slots, as a dispatcher words it."""

from __future__ import annotations

from datetime import date

import pytest

from domain import TimeWindow
from EModal import AppointmentSlot
from portal_service.errors import InvalidArgumentError
from portal_service.inputs import slot_window
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
    assert filter_slots(SLOTS, TimeWindow(day_from=date(2025, 10, 3), day_to=date(2025, 10, 3))) == SLOTS[2:]
    assert filter_slots(SLOTS, TimeWindow(starting_before="12:00")) == [SLOTS[0], SLOTS[2]]


def test_filter_slots_after_a_time_within_a_range_of_days() -> None:
    """"After 2pm Thursday" and "Friday evening" narrow by the start of the window."""
    thursday, friday = date(2025, 10, 2), date(2025, 10, 3)
    assert filter_slots(SLOTS, TimeWindow(day_from=thursday, day_to=thursday, starting_after="12:00")) == [SLOTS[1]]
    assert filter_slots(SLOTS, TimeWindow(day_from=friday, starting_after="17:00")) == [SLOTS[3]]
    assert filter_slots(SLOTS, TimeWindow(day_to=thursday)) == SLOTS[:2]


@pytest.mark.parametrize(("given", "complaint"), [
    ({"day_from": "10/05/2025", "day_to": "10/03/2025"}, "after day_to"),
    ({"starting_after": "soonish"}, "starting_after"),
    ({"day_text": "2025-10-02", "day_from": "2025-10-03"}, "not both"),
])
def test_a_slot_window_that_cannot_be_read_is_refused(given: dict[str, str], complaint: str) -> None:
    with pytest.raises(InvalidArgumentError, match=complaint):
        slot_window(**given)


def test_one_day_is_a_range_of_one_day() -> None:
    window = slot_window(day_text="10/02/2025", starting_after="2pm")
    assert (window.day_from, window.day_to, window.starting_after) == (date(2025, 10, 2), date(2025, 10, 2), "14:00")
