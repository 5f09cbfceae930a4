"""Times of day and dates as dispatchers, the API and the portal write them."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from domain import (
    DomainError,
    InvalidDate,
    InvalidTime,
    lfd_date,
    local_today,
    parse_clock,
    parse_day,
    parse_time_window,
    require_clock,
    spell_day,
)


@pytest.mark.parametrize(
    ("text", "clock"),
    [("8", "08:00"), ("8:30", "08:30"), ("08:00", "08:00"), ("2pm", "14:00"), ("2 PM", "14:00"), ("12pm", "12:00"),
     ("12am", "00:00"), ("11:59pm", "23:59"), ("14:30", "14:30"), (" 7am ", "07:00")],
)
def test_parse_clock(text: str, clock: str) -> None:
    assert parse_clock(text) == clock


@pytest.mark.parametrize("text", ["25:00", "8:60", "noon", "13pm", "0am", "", "8.30"])
def test_parse_clock_gives_nothing_for_what_is_not_a_time(text: str) -> None:
    assert parse_clock(text) == ""


def test_require_clock_names_the_field_and_the_accepted_forms() -> None:
    assert require_clock("9am", field="starting_before") == "09:00"
    assert require_clock("  ") == ""
    with pytest.raises(InvalidTime) as caught:
        require_clock("soonish", field="starting_before")
    message = str(caught.value)
    assert "starting_before" in message and "'soonish'" in message and "08:00" in message
    assert isinstance(caught.value, DomainError) and isinstance(caught.value, ValueError)


class TestParseDay:
    @pytest.mark.parametrize(
        ("text", "day"),
        [("2025-10-03", date(2025, 10, 3)), ("10/03/2025", date(2025, 10, 3)), (" 2025-01-31 ", date(2025, 1, 31))],
    )
    def test_iso_and_us_dates(self, text: str, day: date) -> None:
        assert parse_day(text) == day

    @pytest.mark.parametrize("text", ["", "   "])
    def test_blank_means_no_day(self, text: str) -> None:
        assert parse_day(text) is None

    @pytest.mark.parametrize("text", ["tomorrow", "2025-02-30", "13/01/2025", "03-10-2025", "2025/10/03"])
    def test_anything_else_is_refused_saying_what_to_send(self, text: str) -> None:
        with pytest.raises(InvalidDate) as caught:
            parse_day(text, field="lfd_from")
        message = str(caught.value)
        assert message == f"lfd_from must be a date as YYYY-MM-DD or MM/DD/YYYY, not {text!r}"
        assert caught.value.code == "invalid_date"


@pytest.mark.parametrize(
    ("cell", "day"),
    [("10/03/2025 - 10/04/2025", date(2025, 10, 3)), ("10/03/2025", date(2025, 10, 3)), ("N/A", None), ("", None)],
)
def test_the_last_free_day_is_the_first_date_of_the_cell(cell: str, day: date | None) -> None:
    assert lfd_date(cell) == day


class TestTimeWindow:
    """Days and times of day in a dispatcher's words, relative to Saturday 11/21/2026 at the terminal."""

    TODAY = date(2026, 11, 21)  # a Saturday

    @pytest.mark.parametrize(("text", "first", "last"), [
        ("today", date(2026, 11, 21), date(2026, 11, 21)),
        ("tomorrow", date(2026, 11, 22), date(2026, 11, 22)),
        ("tmrw", date(2026, 11, 22), date(2026, 11, 22)),
        ("day after tomorrow", date(2026, 11, 23), date(2026, 11, 23)),
        ("on Tuesday", date(2026, 11, 24), date(2026, 11, 24)),
        ("tues", date(2026, 11, 24), date(2026, 11, 24)),
        ("saturday", date(2026, 11, 21), date(2026, 11, 21)),
        ("next saturday", date(2026, 11, 28), date(2026, 11, 28)),
        ("11/24", date(2026, 11, 24), date(2026, 11, 24)),
        ("11/24/2026", date(2026, 11, 24), date(2026, 11, 24)),
        ("1/5", date(2027, 1, 5), date(2027, 1, 5)),  # said in November: next January
        ("Nov 24th", date(2026, 11, 24), date(2026, 11, 24)),
        ("2026-11-25", date(2026, 11, 25), date(2026, 11, 25)),
        ("in the next 3 days", date(2026, 11, 21), date(2026, 11, 24)),
        ("mon through wed", date(2026, 11, 23), date(2026, 11, 25)),
        ("from thursday to monday", date(2026, 11, 26), date(2026, 11, 30)),
        ("in 2 days", date(2026, 11, 23), date(2026, 11, 23)),
        ("on the 24th", date(2026, 11, 24), date(2026, 11, 24)),
        ("on the 2nd", date(2026, 12, 2), date(2026, 12, 2)),  # this month's 2nd is past: next month's
        ("book the 2nd one", None, None),  # a place in a list, not a day
        ("this week", date(2026, 11, 21), date(2026, 11, 22)),
        ("next week", date(2026, 11, 23), date(2026, 11, 29)),
        ("by friday", None, date(2026, 11, 27)),
        ("before 11/25", None, date(2026, 11, 24)),
    ])
    def test_days(self, text: str, first: date | None, last: date | None) -> None:
        window = parse_time_window(text, self.TODAY)
        assert (window.day_from, window.day_to) == (first, last)

    @pytest.mark.parametrize(("text", "after", "before"), [
        ("morning", "", "12:00"), ("tomorrow afternoon", "12:00", "17:00"), ("this evening", "17:00", ""),
        ("before noon", "", "12:00"), ("after 2pm", "14:00", ""), ("after 5 pm", "17:00", ""),
        ("between 8 and 11am", "08:00", "11:00"), ("before 10:30", "", "10:30"), ("slots", "", ""),
        ("11/23 in the AM", "", "12:00"), ("tmrw am slots", "", "12:00"), ("the pm ones", "12:00", ""),
        ("am I logged in", "", ""), ("8 am slots", "", ""), ("after 2pm thursday", "14:00", ""),
    ])
    def test_times_of_day(self, text: str, after: str, before: str) -> None:
        window = parse_time_window(text, self.TODAY)
        assert (window.starting_after, window.starting_before) == (after, before)

    def test_a_single_day_and_what_a_window_holds(self) -> None:
        window = parse_time_window("tomorrow afternoon", self.TODAY)
        assert window.day == date(2026, 11, 22)
        assert window.holds(date(2026, 11, 22), "12:00") and not window.holds(date(2026, 11, 22), "07:00")
        assert not window.holds(date(2026, 11, 23), "13:00")
        assert parse_time_window("next 3 days", self.TODAY).day is None

    def test_numbers_that_are_not_dates_or_times(self) -> None:
        window = parse_time_window("MSCU 516575 6 by 3 trucks", self.TODAY)
        assert not window.has_days and not window.has_times


def test_days_are_spelled_out_with_today_and_tomorrow_named() -> None:
    today = date(2026, 11, 21)
    assert spell_day(date(2026, 11, 24)) == "Tuesday 11/24"
    assert spell_day(today, today) == "today, Saturday 11/21"
    assert spell_day(date(2026, 11, 22), today) == "tomorrow, Sunday 11/22"


def test_today_is_the_terminals_date_not_the_servers() -> None:
    late_evening_in_long_beach = datetime(2026, 11, 22, 5, 30, tzinfo=UTC)  # 21:30 on the 21st in Los Angeles
    assert local_today("America/Los_Angeles", late_evening_in_long_beach) == date(2026, 11, 21)
    assert local_today("UTC", late_evening_in_long_beach) == date(2026, 11, 22)
    assert local_today("Nowhere/Unknown", late_evening_in_long_beach) == date(2026, 11, 22)  # falls back to UTC
