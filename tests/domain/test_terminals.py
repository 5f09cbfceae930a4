"""Terminals: codes, the wizard's names, what dispatchers call them, and where a move happens."""

from __future__ import annotations

import pytest

from domain import (
    TERMINAL_ALIASES,
    TERMINAL_NAMES,
    closest_terminal,
    edit_distance,
    terminal_code,
    terminal_code_for,
    terminal_name,
)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("ITS", "ITS"),
        ("its", "ITS"),
        ("ITS Long Beach", "ITS"),
        ("its long beach", "ITS"),
        ("  ITS   Long  Beach ", "ITS"),
        ("TraPac", "TRP1"),
        ("TraPac LLC - Los Angeles", "TRP1"),
        ("trapac llc los angeles", "TRP1"),
        ("Total Terminals", "TTI"),
        ("Everport Terminal Services - Los Angeles", "ETSLAX"),
        ("lbct", "BNLPC"),
        ("Long Beach Container Terminal", "BNLPC"),
        ("SSA Terminal - PierA / LB", "SSA"),
        ("etslax", "ETSLAX"),
    ],
)
def test_codes_aliases_and_full_names_give_the_code(text: str, code: str) -> None:
    assert terminal_code(text) == code


@pytest.mark.parametrize("text", ["nowhere", "", "   ", "Long Beach"])
def test_unknown_terminals_give_nothing(text: str) -> None:
    assert terminal_code(text) == ""


def test_every_wizard_name_and_alias_leads_back_to_a_known_code() -> None:
    for code, name in TERMINAL_NAMES.items():
        assert terminal_code(name) == code
        assert terminal_code(code.lower()) == code
    for alias, code in TERMINAL_ALIASES.items():
        assert terminal_code(alias) == code
        assert code in TERMINAL_NAMES


def test_wizard_names_for_codes() -> None:
    assert terminal_name("ETSLAX") == "Everport Terminal Services - Los Angeles"
    assert terminal_name("bnlpc") == "Long Beach Container Terminal"
    assert terminal_name(" its ") == "ITS Long Beach"


def test_an_unknown_code_is_passed_through_for_the_wizard_to_refuse() -> None:
    assert terminal_name("XYZ") == "XYZ"


class TestWhereAMoveHappens:
    def test_a_pick_uses_the_destination_and_a_drop_the_origin(self) -> None:
        locations = {"origin": "TTI", "destination": "ITS", "current_loc": "PCT"}
        assert terminal_code_for(move_type="PICK FULL", **locations) == "ITS"
        assert terminal_code_for(move_type="pick empty", **locations) == "ITS"
        assert terminal_code_for(move_type="DROP EMPTY", **locations) == "TTI"

    @pytest.mark.parametrize("unknown", ["N/A", "", "  ", "n/a"])
    def test_the_current_location_when_the_other_is_unknown(self, unknown: str) -> None:
        assert terminal_code_for(move_type="PICK FULL", origin="TTI", destination=unknown, current_loc="pct") == "PCT"
        assert terminal_code_for(move_type="DROP FULL", origin=unknown, destination="ITS", current_loc="PCT") == "PCT"

    def test_nothing_when_no_location_is_known(self) -> None:
        assert terminal_code_for(move_type="PICK FULL", origin="N/A", destination="N/A", current_loc="N/A") == ""


@pytest.mark.parametrize(("a", "b", "distance"), [("everport", "everport", 0), ("evreport", "everport", 1),
                                                  ("trapak", "trapac", 1), ("export", "everport", 3), ("", "its", 3)])
def test_edit_distance_counts_a_swap_of_neighbours_as_one(a: str, b: str, distance: int) -> None:
    assert edit_distance(a, b) == distance


@pytest.mark.parametrize(("typed", "code"), [
    ("anything at trapak", "TRP1"), ("containers at long beach containr terminal", "BNLPC"),
    ("boxes at Evreport", "ETSLAX"), ("at pacifc container terminl", "PCT"), ("total terminal intl", "TTI"),
    ("ITS Long Bech", "ITS"),
    # Common words next to a short code or a name are no terminal.
    ("what is its status", ""), ("export report", ""), ("containers in long beach", ""), ("tracks", ""),
])
def test_a_terminal_named_with_typos_is_found_by_edit_distance(typed: str, code: str) -> None:
    assert closest_terminal(typed.split()) == code
