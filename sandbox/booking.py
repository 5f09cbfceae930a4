"""The wizard's server-side rules: which transactions are open, which slots, and booking a visit."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from sandbox.catalog import EXPORT_MOVES, IMPORT_MOVES, MOVE_TYPES, TERMINAL_CODES
from sandbox.dataset import AccountData
from sandbox.errors import BookingError
from sandbox.models import Appointment, Slot
from sandbox.slots import open_slots

NO_OPEN_BOOKING = "No open transactions for this booking number"
NO_LONGER_AVAILABLE = "The selected appointment time is no longer available"


@dataclass
class VisitRequest:
    """What the wizard sends: phase 1 choices plus, later, truck details and the chosen slot."""

    trucking: str
    terminal: str
    move: str
    containers: tuple[str, ...] = ()
    booking_number: str = ""
    quantity: int = 0
    line: str = ""
    equip_size: str = ""
    plate: str = ""
    own_chassis: bool = False
    pin: str = ""
    slot_id: str = ""


def check_phase1(data: AccountData, request: VisitRequest, *, variant: bool) -> list[str]:
    """The units (container numbers or booking lines) the visit covers, or a BookingError."""
    if request.trucking != data.account.company:
        raise BookingError("Please select a trucking company")
    terminal = TERMINAL_CODES.get(request.terminal)
    if terminal is None:
        raise BookingError("Please select a terminal")
    if request.move not in MOVE_TYPES:
        raise BookingError("Please select a move type")
    if request.move in EXPORT_MOVES:
        booking = data.bookings.get(request.booking_number.strip().upper())
        if booking is None or booking.open_quantity <= 0:
            raise BookingError(NO_OPEN_BOOKING)
        if booking.terminal != terminal:
            raise BookingError(f"Booking {booking.number} is not open at {request.terminal}")
        if not 1 <= request.quantity <= booking.open_quantity:
            raise BookingError(f"Quantity must be between 1 and {booking.open_quantity}")
        return [f"{booking.number} #{i + 1}" for i in range(request.quantity)]
    if variant:
        if not request.line or not request.equip_size:
            raise BookingError("Please enter Line and Equip Size")
        if not 1 <= request.quantity <= 10:
            raise BookingError("Quantity must be between 1 and 10")
        return [f"{request.line} {request.equip_size} #{i + 1}" for i in range(request.quantity)]
    if not request.containers:
        raise BookingError("Please enter at least one container number")
    for number in request.containers:
        _check_import(data, number, terminal, request.move, request.terminal)
    return list(request.containers)


def _check_import(data: AccountData, number: str, terminal: str, move: str, terminal_name: str) -> None:
    container = data.by_number.get(number)
    if container is None or not container.known or container.trade_type != "IMPORT":
        raise BookingError(f"No open transactions for container {number}")
    if move == "PICK FULL":
        if container.holds:
            raise BookingError(f"Container {number} has holds and is not released for pick up")
        if container.reached("Pregate") or container.reached("Departed Terminal"):
            raise BookingError(f"Container {number} already has an appointment")
        where = container.destination or container.current_loc
    else:
        if not container.reached("Departed Terminal") or container.reached("Empty Received"):
            raise BookingError(f"No open transactions for container {number}")
        where = container.origin or container.current_loc
    if where != terminal:
        raise BookingError(f"Container {number} is not available at {terminal_name}")


def check_phase2(data: AccountData, request: VisitRequest, selected: int) -> None:
    """Refuse missing rows or a truck plate the company has not registered."""
    if selected < 1:
        raise BookingError("Please select at least one row")
    if not request.plate:
        raise BookingError("Please enter a truck plate")
    if request.plate.strip().upper() not in data.account.plates:
        raise BookingError(f"Truck plate {request.plate} is not registered for {data.account.company}")


def slots_for(slots: dict[str, Slot], request: VisitRequest) -> list[Slot]:
    """Open slots for the request's terminal and move type."""
    return open_slots(slots, TERMINAL_CODES.get(request.terminal, ""), request.move)


def book(data: AccountData, slots: dict[str, Slot], request: VisitRequest, rng: random.Random) -> Appointment:
    """Take one unit of the chosen slot and record the appointment."""
    slot = slots.get(request.slot_id)
    terminal = TERMINAL_CODES.get(request.terminal)
    if slot is None or slot.terminal != terminal or slot.move != request.move:
        raise BookingError("Please select an appointment time")
    if slot.remaining <= 0:
        raise BookingError(NO_LONGER_AVAILABLE)
    slot.booked += 1
    booking = data.bookings.get(request.booking_number.strip().upper()) if request.move in EXPORT_MOVES else None
    if booking is not None:
        booking.open_quantity = max(0, booking.open_quantity - max(1, request.quantity))
    appointment = Appointment(
        number=str(rng.randrange(50_000_000, 99_999_999)),
        terminal=slot.terminal,
        move=request.move,
        day=slot.day,
        window=slot.window,
        company=data.account.company,
        plate=request.plate.strip().upper(),
        own_chassis=request.own_chassis,
        containers=request.containers if request.move in IMPORT_MOVES else (),
        booking_number=booking.number if booking else None,
        pin=request.pin,
        created_at=datetime.datetime.now(),
    )
    data.appointments.append(appointment)
    return appointment
