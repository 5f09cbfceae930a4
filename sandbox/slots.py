"""Appointment capacity per terminal, move type, day and time window."""

from __future__ import annotations

import datetime
import random

from sandbox.catalog import IMPORT_MOVES, MOVE_TYPES, SLOT_DAYS, SLOT_WINDOWS, TERMINAL_NAMES
from sandbox.models import Slot

# SSA answers "No Appointments Available" for every import move and PCT for PICK FULL (PCT has containers, so
# the normal flow reaches that answer); ITS always has morning capacity.
NO_IMPORT_SLOTS_TERMINAL = "SSA"
NO_PICK_FULL_TERMINAL = "PCT"
ALWAYS_OPEN_TERMINAL = "ITS"
_CLOSED = {(NO_IMPORT_SLOTS_TERMINAL, move) for move in IMPORT_MOVES} | {(NO_PICK_FULL_TERMINAL, "PICK FULL")}


def generate_slots(seed: int, today: datetime.date, days: int = SLOT_DAYS) -> dict[str, Slot]:
    """Every slot from today on, keyed by slot id, with seeded capacities (some windows full)."""
    rng = random.Random(f"{seed}:slots")
    slots: dict[str, Slot] = {}
    for terminal in TERMINAL_NAMES:
        for move in MOVE_TYPES:
            closed = (terminal, move) in _CLOSED
            for offset in range(days):
                day = today + datetime.timedelta(days=offset)
                for window in SLOT_WINDOWS:
                    capacity = rng.choice((0, 0, 1, 2, 3, 4, 5, 6, 8))
                    if closed:
                        capacity = 0
                    elif terminal == ALWAYS_OPEN_TERMINAL and window == SLOT_WINDOWS[0]:
                        capacity = max(capacity, 4)
                    slot = Slot(terminal, move, day, window, capacity)
                    slots[slot.slot_id] = slot
    return slots


def open_slots(slots: dict[str, Slot], terminal: str, move: str) -> list[Slot]:
    """Bookable slots of a terminal and move type, earliest first."""
    found = [s for s in slots.values() if s.terminal == terminal and s.move == move and s.remaining > 0]
    return sorted(found, key=lambda s: (s.day, s.window))
