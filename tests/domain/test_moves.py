"""Move types and the one rule for a container's next move."""

from __future__ import annotations

import pytest

from domain import EXPORT_MOVES, MOVE_TYPES, next_move, normalize_move_type


@pytest.mark.parametrize(
    ("trade", "passed", "move"),
    [
        ("IMPORT", True, "DROP EMPTY"),
        ("IMPORT", False, "PICK FULL"),
        ("EXPORT", False, "DROP FULL"),
        ("EXPORT", True, "DROP FULL"),
        (" export ", True, "DROP FULL"),
        ("import", False, "PICK FULL"),
    ],
)
def test_next_move(trade: str, passed: bool, move: str) -> None:
    assert next_move(trade, passed) == move


def test_the_next_move_is_always_one_the_wizard_offers() -> None:
    for trade in ("IMPORT", "EXPORT"):
        for passed in (True, False):
            assert next_move(trade, passed) in MOVE_TYPES


@pytest.mark.parametrize(
    ("text", "move"),
    [("pick-full", "PICK FULL"), ("Drop Empty", "DROP EMPTY"), ("pick_empty", "PICK EMPTY"),
     ("  DROP   FULL ", "DROP FULL"), ("fly", ""), ("pick", ""), ("", "")],
)
def test_move_type_spellings(text: str, move: str) -> None:
    assert normalize_move_type(text) == move


def test_export_moves_are_move_types() -> None:
    assert set(EXPORT_MOVES) < set(MOVE_TYPES)
