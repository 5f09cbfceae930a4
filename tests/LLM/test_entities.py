"""Entities in what dispatchers type: container numbers, terminals, moves, plates, date words."""

from __future__ import annotations

from datetime import date

import pytest

from LLM.entities import extract

TODAY = date(2025, 10, 1)  # a Wednesday


class TestContainerNumbers:
    @pytest.mark.parametrize("text", ["MSCU5165756", "mscu5165756", "MSCU 516575 6", "MSCU-516575-6"])
    def test_valid_numbers_in_any_spelling(self, text: str) -> None:
        assert extract(f"status of {text}?", TODAY).containers == ["MSCU5165756"]

    def test_a_wrong_check_digit_is_reported_with_the_right_one(self) -> None:
        found = extract("where is MSCU5165757", TODAY)
        assert found.containers == [] and found.invalid_containers == [("MSCU5165757", "check digit should be 6")]

    def test_a_wrong_category_letter_is_invalid(self) -> None:
        assert extract("MSCX5165756", TODAY).invalid_containers[0][0] == "MSCX5165756"

    def test_several_numbers_in_order(self) -> None:
        found = extract("compare MSDU5772413 and CAIU7181746 and HMMU9048448", TODAY)
        assert found.containers == ["MSDU5772413", "CAIU7181746", "HMMU9048448"]


class TestTerminals:
    @pytest.mark.parametrize(("text", "code"), [
        ("slots at TTI", "TTI"), ("at Total Terminals Intl LLC", "TTI"), ("at ITS", "ITS"),
        ("ITS Long Beach please", "ITS"), ("at its long beach", "ITS"), ("at trapac", "TRP1"),
        ("Everport Terminal Services - Los Angeles", "ETSLAX"), ("at LBCT", "BNLPC"),
        ("Long Beach Container Terminal", "BNLPC"), ("pct", "PCT"), ("SSA Terminal - PierA / LB", "SSA"),
    ])
    def test_codes_and_names(self, text: str, code: str) -> None:
        assert extract(text, TODAY).terminal == code

    def test_the_word_its_is_not_a_terminal(self) -> None:
        assert extract("show me its timeline", TODAY).terminal == ""


class TestTruckAndMove:
    @pytest.mark.parametrize(("text", "plate"), [("truck 7KRT481", "7KRT481"), ("plate: 8krt223", "8KRT223"),
                                                 ("with truck #ABC123", "ABC123"), ("truck plate 6KRT917", "6KRT917")])
    def test_plates(self, text: str, plate: str) -> None:
        assert extract(text, TODAY).plate == plate

    def test_a_word_after_truck_is_no_plate(self) -> None:
        assert extract("which truck should go", TODAY).plate == ""

    @pytest.mark.parametrize(("text", "move"), [("pick full", "PICK FULL"), ("Drop-Empty", "DROP EMPTY"),
                                                ("drop full at TTI", "DROP FULL"), ("pick up empty", "PICK EMPTY")])
    def test_move_types(self, text: str, move: str) -> None:
        assert extract(text, TODAY).move_type == move

    @pytest.mark.parametrize(("text", "own"), [("own chassis", True), ("with our chassis", True),
                                               ("no own chassis", False), ("pool chassis", False), ("slots", None)])
    def test_own_chassis(self, text: str, own: bool | None) -> None:
        assert extract(text, TODAY).own_chassis is own


class TestDates:
    @pytest.mark.parametrize(("text", "day"), [
        ("today", date(2025, 10, 1)), ("tomorrow", date(2025, 10, 2)), ("Friday", date(2025, 10, 3)),
        ("on monday", date(2025, 10, 6)), ("wednesday", date(2025, 10, 1)), ("10/02", date(2025, 10, 2)),
        ("10/02/2025", date(2025, 10, 2)), ("2025-10-07", date(2025, 10, 7)),
        ("day after tomorrow", date(2025, 10, 3)), ("01/05", date(2026, 1, 5)),
    ])
    def test_one_day(self, text: str, day: date) -> None:
        assert extract(f"slots {text}", TODAY).day == day

    @pytest.mark.parametrize(("text", "start", "end"), [
        ("LFD this week", date(2025, 10, 1), date(2025, 10, 5)),
        ("LFD before Friday", None, date(2025, 10, 2)),  # up to a day: overdue ones count too
        ("LFD by Friday", None, date(2025, 10, 3)),
        ("LFD by 10/10", None, date(2025, 10, 10)),
        ("lfd in the next 3 days", date(2025, 10, 1), date(2025, 10, 4)),
        ("lfd next week", date(2025, 10, 6), date(2025, 10, 12)),
    ])
    def test_ranges(self, text: str, start: date | None, end: date) -> None:
        found = extract(text, TODAY)
        assert (found.day_from, found.day_to, found.lfd) == (start, end, True)

    @pytest.mark.parametrize(("text", "before"), [("tomorrow morning", "12:00"), ("before 10am", "10:00"),
                                                  ("before 14:30", "14:30")])
    def test_times_of_day(self, text: str, before: str) -> None:
        assert extract(text, TODAY).starting_before == before


class TestFilters:
    def test_ready_to_pick_up_means_import_in_yard_without_holds(self) -> None:
        found = extract("what's ready to pick up?", TODAY)
        assert (found.trade_type, found.status, found.holds) == ("IMPORT", "IN YARD", "NO")

    @pytest.mark.parametrize(("text", "status"), [("in the yard", "IN YARD"), ("on vessel", "ON VESSEL"),
                                                  ("gated out", "GATE OUT"), ("gate in", "GATE IN"),
                                                  ("sitting at the port", "IN YARD"), ("discharged", "IN YARD"),
                                                  ("that haven't discharged yet", "ON VESSEL"),
                                                  ("not off the ship yet", "ON VESSEL"),
                                                  ("still on the water", "ON VESSEL"), ("in transit", "ON VESSEL"),
                                                  ("already picked up", "GATE OUT")])
    def test_statuses(self, text: str, status: str) -> None:
        assert extract(f"containers {text}", TODAY).status == status

    @pytest.mark.parametrize(("text", "holds"), [("with holds", "YES"), ("on hold", "YES"), ("no holds", "NO"),
                                                 ("released", "NO"), ("held up by customs", "YES"),
                                                 ("not released yet", "YES"), ("stuck", "YES"),
                                                 ("not on hold", "NO"), ("free of holds", "NO")])
    def test_holds(self, text: str, holds: str) -> None:
        assert extract(f"containers {text}", TODAY).holds == holds

    @pytest.mark.parametrize(("text", "line"), [("MSC boxes", "MSCU"), ("evergreen", "EGLV"), ("HDMU", "HDMU"),
                                                ("ONE containers", "ONEY"), ("yang ming", "YMJA")])
    def test_lines(self, text: str, line: str) -> None:
        assert extract(text, TODAY).line == line

    def test_exports_as_trade_type_but_not_the_verb(self) -> None:
        assert extract("exports on vessel", TODAY).trade_type == "EXPORT"
        assert extract("export my containers", TODAY).trade_type == ""

    @pytest.mark.parametrize(("text", "choice"), [("book the 8:00 one", "08:00"), ("book the 7 am slot", "07:00"),
                                                  ("book it at 12:00", "12:00"), ("the 14:00 window", "14:00")])
    def test_slot_choice_by_start_time(self, text: str, choice: str) -> None:
        assert extract(text, TODAY).slot_choice == choice

    @pytest.mark.parametrize(("text", "index"), [("book the first one", 0), ("the earliest", 0),
                                                 ("take the second slot", 1), ("#3", 2), ("number 4 please", 3),
                                                 ("the last one", -1), ("2", 1), ("what about the 3rd?", 2)])
    def test_place_in_a_list(self, text: str, index: int) -> None:
        assert extract(text, TODAY).ordinal == index

    @pytest.mark.parametrize("text", ["slots in the next 3 days", "book the 8:00 one", "status of MSCU5165756"])
    def test_no_place_in_a_list(self, text: str) -> None:
        assert extract(text, TODAY).ordinal is None



class TestDispatcherWords:
    @pytest.mark.parametrize("text", ["which are free to go", "good to go?", "what's been released",
                                      "what can we pull", "what is available"])
    def test_words_for_ready_to_pick_up(self, text: str) -> None:
        found = extract(text, TODAY)
        assert found.ready_to_pick_up and (found.status, found.holds) == ("IN YARD", "NO")

    @pytest.mark.parametrize("text", ["is MSCU5165756 available", "available slots tomorrow truck 7KRT481",
                                      "availability tomorrow morning, truck 7KRT481"])
    def test_available_with_a_container_or_slot_words_is_no_list_filter(self, text: str) -> None:
        assert not extract(text, TODAY).ready_to_pick_up

    @pytest.mark.parametrize(("text", "past"), [("racking up demurrage", True), ("in demurrage", True),
                                                ("free time is up", True), ("demurrage starts tomorrow", False)])
    def test_demurrage_is_past_the_last_free_day(self, text: str, past: bool) -> None:
        found = extract(text, TODAY)
        assert found.lfd and found.past_lfd is past

    @pytest.mark.parametrize(("text", "code"), [("show me whats at its", "ITS"), ("anything at its right now?", "ITS"),
                                                ("what is its lfd", ""), ("look at its timeline", "")])
    def test_lower_case_its_is_the_terminal_only_where_a_place_fits(self, text: str, code: str) -> None:
        found = extract(text, TODAY)
        assert found.terminal == code and found.refers is (code == "")
