"""Appointment capacity: a week of slots, ITS always open in the morning, some terminals with none."""

from __future__ import annotations

import datetime

from sandbox.catalog import IMPORT_MOVES, MOVE_TYPES, SLOT_DAYS
from sandbox.slots import generate_slots, open_slots

TODAY = datetime.date(2025, 9, 29)


class TestGenerateSlots:
    def test_its_has_morning_capacity_every_day(self) -> None:
        slots = generate_slots(7, TODAY)
        for move in MOVE_TYPES:
            days = {s.day for s in open_slots(slots, "ITS", move) if s.window == "07:00 - 12:00"}
            assert days == {TODAY + datetime.timedelta(days=n) for n in range(SLOT_DAYS)}

    def test_some_terminals_have_nothing(self) -> None:
        slots = generate_slots(7, TODAY)
        assert open_slots(slots, "PCT", "PICK FULL") == []
        assert all(open_slots(slots, "SSA", move) == [] for move in IMPORT_MOVES)
        assert open_slots(slots, "TTI", "DROP FULL")

    def test_some_windows_are_full(self) -> None:
        assert any(s.capacity == 0 for s in generate_slots(7, TODAY).values() if s.terminal == "TTI")

    def test_label_and_order(self) -> None:
        found = open_slots(generate_slots(7, TODAY), "ITS", "PICK FULL")
        assert found[0].label == "Monday 09/29/2025 07:00 - 12:00"
        assert found == sorted(found, key=lambda s: (s.day, s.window))

    def test_deterministic(self) -> None:
        one = {k: s.capacity for k, s in generate_slots(3, TODAY).items()}
        assert one == {k: s.capacity for k, s in generate_slots(3, TODAY).items()}
