"""The operators' rules and slot choosing, without a browser."""

from __future__ import annotations

from dataclasses import replace

import pytest

from EModal import AppointmentSlot, Container
from Tools.check import is_actionable
from Tools.rules import next_move, normalize_move_type, terminal_code, terminal_code_for, terminal_name
from Tools.slots import filter_slots, parse_clock, pick_slot

ROW = Container("MSCU5165756", "IMPORT", "IN YARD", "NO", "N/A", "N/A", "N/A", "TTI", "ITS", "PCT", "MSCU",
                "MSC ANNA", "9702089", "GO537N", "40GP", "0", "10/03/2025 - 10/04/2025", "")


@pytest.mark.parametrize(("trade", "passed", "move"), [("IMPORT", True, "DROP EMPTY"), ("IMPORT", False, "PICK FULL"),
                                                       ("EXPORT", False, "DROP FULL"), ("export", True, "DROP FULL")])
def test_next_move(trade: str, passed: bool, move: str) -> None:
    assert next_move(trade, passed) == move


def test_pick_uses_destination_and_drop_uses_origin() -> None:
    assert terminal_code_for(ROW, "PICK FULL") == "ITS"
    assert terminal_code_for(ROW, "DROP EMPTY") == "TTI"


def test_current_location_when_the_other_is_unknown() -> None:
    assert terminal_code_for(replace(ROW, destination="N/A"), "PICK FULL") == "PCT"
    assert terminal_code_for(replace(ROW, origin=""), "DROP FULL") == "PCT"


@pytest.mark.parametrize(("text", "code"), [("ITS", "ITS"), ("its long beach", "ITS"), ("TraPac", "TRP1"),
                                            ("TraPac LLC - Los Angeles", "TRP1"), ("lbct", "BNLPC"), ("nowhere", "")])
def test_terminal_codes(text: str, code: str) -> None:
    assert terminal_code(text) == code


def test_terminal_names_for_the_wizard() -> None:
    assert terminal_name("ETSLAX") == "Everport Terminal Services - Los Angeles"
    assert terminal_name("BNLPC") == "Long Beach Container Terminal"


def test_move_type_spellings() -> None:
    assert normalize_move_type("pick-full") == "PICK FULL" and normalize_move_type("fly") == ""


def test_actionable_means_holds_no_and_no_pregate_ticket() -> None:
    assert is_actionable(ROW)
    assert not is_actionable(replace(ROW, holds="YES"))
    assert not is_actionable(replace(ROW, pregate_ticket="TTI-1007-88006 396220"))
    assert not is_actionable(replace(ROW, pregate_ticket="*******"))


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
    from datetime import date

    assert filter_slots(SLOTS, day=date(2025, 10, 3)) == SLOTS[2:]
    assert filter_slots(SLOTS, starting_before="12:00") == [SLOTS[0], SLOTS[2]]


@pytest.mark.parametrize(("text", "clock"), [("8", "08:00"), ("8:30", "08:30"), ("2pm", "14:00"), ("12am", "00:00"),
                                             ("25:00", ""), ("noon", "")])
def test_parse_clock(text: str, clock: str) -> None:
    assert parse_clock(text) == clock
