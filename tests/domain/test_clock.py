"""Times of day and dates as dispatchers, the API and the portal write them."""

from __future__ import annotations

from datetime import date

import pytest

from domain import DomainError, InvalidDate, InvalidTime, lfd_date, parse_clock, parse_day, require_clock


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
