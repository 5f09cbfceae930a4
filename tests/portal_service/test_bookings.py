"""The booking rules without a portal: when a window has ended, and which appointment makes a second one wrong."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from EModal import Appointment, AppointmentRequest, AppointmentSlot
from portal_service import InvalidArgumentError, existing_appointment, has_ended, open_windows, terminal_clock
from portal_service.bookings import window_end

MORNING = AppointmentSlot.parse("Thursday 10/02/2025 07:00 - 12:00")
EVENING = AppointmentSlot.parse("Thursday 10/02/2025 18:00 - 23:00")
NIGHT = AppointmentSlot.parse("Thursday 10/02/2025 22:00 - 02:00")


def test_a_window_has_ended_at_its_end_not_at_its_start() -> None:
    assert not has_ended(MORNING, datetime(2025, 10, 2, 11, 59))
    assert has_ended(MORNING, datetime(2025, 10, 2, 12, 0))
    assert open_windows([MORNING, EVENING], datetime(2025, 10, 2, 12, 30)) == [EVENING]


def test_a_window_past_midnight_ends_the_next_day_and_unreadable_text_is_kept() -> None:
    assert window_end(NIGHT) == datetime(2025, 10, 3, 2, 0)
    assert not has_ended(NIGHT, datetime(2025, 10, 3, 1, 0))
    odd = AppointmentSlot.parse("No Appointments Available")
    assert open_windows([odd], datetime(2030, 1, 1)) == [odd]


def test_the_terminal_clock_reads_its_zone_and_refuses_an_unknown_one() -> None:
    assert abs((terminal_clock("UTC")() - datetime.now(UTC).replace(tzinfo=None)).total_seconds()) < 5
    with pytest.raises(InvalidArgumentError, match="America/Los_Angeles"):
        terminal_clock("Mars/Olympus_Mons")


def _row(number: str, move: str, unit: str, status: str) -> Appointment:
    return Appointment(number, {"Appointment #": number, "Move Type": move, "Container/Booking #": unit,
                                "Appointment Date": "10/03/2025", "Time Window": "07:00 - 12:00", "Status": status})


def test_only_a_live_appointment_for_the_same_container_and_move_counts() -> None:
    request = AppointmentRequest(container_number="MSCU5165756", move_type="PICK FULL", terminal="ITS")
    rows = [_row("1", "PICK FULL", "MSCU5165756", "COMPLETED"), _row("2", "PICK FULL", "MSCU5165756", "CANCELLED"),
            _row("3", "DROP EMPTY", "MSCU5165756", "SCHEDULED"), _row("4", "PICK FULL", "MSDU5772413", "SCHEDULED")]
    assert existing_appointment(rows, request) is None
    live = _row("5", "PICK FULL", "MSDU5772413, MSCU5165756", "SCHEDULED")
    assert existing_appointment([*rows, live], request) == live
    export = AppointmentRequest(booking_number="BK123", unit_number="MSCU5165756", move_type="DROP FULL")
    assert existing_appointment([_row("6", "DROP FULL", "BK123", "SCHEDULED")], export) is not None
