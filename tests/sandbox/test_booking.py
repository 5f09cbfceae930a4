"""The wizard's rules: which moves are open for which containers and bookings, and booking a slot."""

from __future__ import annotations

import datetime
import random

import pytest

from sandbox.accounts import DISPATCH1
from sandbox.booking import NO_LONGER_AVAILABLE, NO_OPEN_BOOKING, VisitRequest, book, check_phase1, slots_for
from sandbox.dataset import (
    CLOSED_BOOKING,
    DEMO_ACTIONABLE,
    DEMO_BOOKING,
    DEMO_PREGATED,
    AccountData,
    build_account_data,
)
from sandbox.errors import BookingError
from sandbox.slots import generate_slots

TODAY = datetime.date(2025, 9, 29)
ITS = "ITS Long Beach"


@pytest.fixture
def data() -> AccountData:
    return build_account_data(DISPATCH1, 7, 120, TODAY)


def visit(terminal: str, move: str, **fields: object) -> VisitRequest:
    return VisitRequest(trucking=DISPATCH1.company, terminal=terminal, move=move, **fields)  # type: ignore[arg-type]


class TestPhaseOne:
    def test_pick_full_at_destination(self, data: AccountData) -> None:
        assert check_phase1(data, visit(ITS, "PICK FULL", containers=(DEMO_ACTIONABLE,)), variant=False) == [
            DEMO_ACTIONABLE]

    def test_pick_full_elsewhere_refused(self, data: AccountData) -> None:
        with pytest.raises(BookingError, match="is not available at Total Terminals Intl LLC"):
            check_phase1(data, visit("Total Terminals Intl LLC", "PICK FULL", containers=(DEMO_ACTIONABLE,)),
                         variant=False)

    def test_pregated_import_drops_empty_at_origin(self, data: AccountData) -> None:
        assert check_phase1(data, visit(ITS, "DROP EMPTY", containers=(DEMO_PREGATED,)), variant=False)
        with pytest.raises(BookingError, match="already has an appointment"):
            check_phase1(data, visit(ITS, "PICK FULL", containers=(DEMO_PREGATED,)), variant=False)

    def test_held_container_refused(self, data: AccountData) -> None:
        held = next(c for c in data.containers if c.known and c.holds and c.status == "IN YARD")
        terminal = {"ITS": ITS, "TTI": "Total Terminals Intl LLC", "TRP1": "TraPac LLC - Los Angeles",
                    "ETSLAX": "Everport Terminal Services - Los Angeles", "PCT": "Pacific Container Terminal",
                    "BNLPC": "Long Beach Container Terminal"}[held.destination or ""]
        with pytest.raises(BookingError, match="has holds"):
            check_phase1(data, visit(terminal, "PICK FULL", containers=(held.number,)), variant=False)

    @pytest.mark.parametrize("booking", ["NOPE", CLOSED_BOOKING])
    def test_export_booking_without_open_units(self, data: AccountData, booking: str) -> None:
        with pytest.raises(BookingError, match=NO_OPEN_BOOKING):
            check_phase1(data, visit("Total Terminals Intl LLC", "DROP FULL", booking_number=booking, quantity=1),
                         variant=False)

    def test_variant_form_units(self, data: AccountData) -> None:
        request = visit(ITS, "PICK FULL", line="MSCU", equip_size="40DH", quantity=3)
        assert len(check_phase1(data, request, variant=True)) == 3


class TestBook:
    def test_takes_one_unit_until_full(self, data: AccountData) -> None:
        slots = generate_slots(7, TODAY)
        request = visit("Total Terminals Intl LLC", "DROP FULL", booking_number=DEMO_BOOKING, quantity=1,
                        plate="7KRT481")
        slot = slots_for(slots, request)[0]
        request.slot_id = slot.slot_id
        rng = random.Random(1)
        for _ in range(slot.remaining):
            data.bookings[DEMO_BOOKING].open_quantity = 5
            appointment = book(data, slots, request, rng)
            assert appointment in data.appointments and appointment.booking_number == DEMO_BOOKING
        assert slot.remaining == 0
        with pytest.raises(BookingError, match=NO_LONGER_AVAILABLE):
            book(data, slots, request, rng)
