"""Deterministic container data: realistic status mixes with timelines consistent with each status."""

from __future__ import annotations

import datetime
import random

from sandbox.catalog import (
    CONTAINER_TERMINALS,
    EXPORT_MILESTONES,
    IMPORT_MILESTONES,
    LEASING_OWNER_CODES,
    LINE_OWNER_CODES,
    LINES,
    OTHER_LOCATIONS,
    SIZE_TYPES,
    VESSELS,
)
from sandbox.iso6346 import make_number
from sandbox.models import Container, ExportBooking, Milestone

_IMPORT_STATUSES = (("ON VESSEL", 15), ("IN YARD", 45), ("GATE OUT", 25), ("GATE IN", 15))
_EXPORT_STATUSES = (("GATE OUT", 35), ("GATE IN", 15), ("IN YARD", 25), ("ON VESSEL", 25))
_TAGS = (None,) * 17 + ("HOT", "OVERWEIGHT", "PRIORITY")
_TICKET_PREFIX = {"ITS": "ITS", "TTI": "TTI", "TRP1": "TRPCLA", "ETSLAX": "ETSLAX", "PCT": "PCT",
                  "BNLPC": "LBCT"}


def _datetime_text(moment: datetime.datetime | None) -> str:
    return moment.strftime("%m/%d/%Y %H:%M") if moment else "N/A"


def _at(day: datetime.date, rng: random.Random) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(rng.randrange(5, 22), rng.randrange(0, 60)))


def vessel_code(name: str) -> str:
    """The 7-digit code of a vessel, fixed per vessel name."""
    return str(9_000_000 + sum(ord(c) * 7919 * (i + 1) for i, c in enumerate(name)) % 999_999)


def pregate_ticket(rng: random.Random, terminal: str) -> str:
    """A ticket like `TTI-1007-88006 396220` or `TRPCLA-1008-82384`."""
    ticket = f"{_TICKET_PREFIX.get(terminal, terminal)}-{rng.randrange(1000, 1020)}-{rng.randrange(10000, 99999)}"
    if rng.random() < 0.5:
        ticket += f" {rng.randrange(100000, 999999)}"
    return ticket


def _voyage(rng: random.Random) -> str:
    suffix = rng.choice("NEWS")
    if rng.random() < 0.4:
        return f"{rng.choice(('GO', 'FE', 'UA', 'XT'))}{rng.randrange(100, 999)}{suffix}"
    return f"{rng.randrange(1, 999):03d}{suffix}"


def _base(rng: random.Random, number: str, line: str, trade_type: str) -> Container:
    vessel = rng.choice(VESSELS[line])
    return Container(
        number=number,
        trade_type=trade_type,
        line=line,
        vessel_name=vessel,
        vessel_code=vessel_code(vessel),
        voyage=_voyage(rng),
        size_type=rng.choice(SIZE_TYPES),
        tags=rng.choice(_TAGS),
    )


def make_import(rng: random.Random, number: str, line: str, today: datetime.date, status: str) -> Container:
    """An import container whose holds, ticket and timeline agree with `status`."""
    c = _base(rng, number, line, "IMPORT")
    terminal = rng.choice(CONTAINER_TERMINALS)
    c.destination = terminal
    c.origin = terminal if rng.random() < 0.7 else rng.choice(CONTAINER_TERMINALS)
    if status == "ON VESSEL":
        if rng.random() < 0.3:
            c.origin = rng.choice(OTHER_LOCATIONS)
        discharge = today + datetime.timedelta(days=rng.randrange(1, 10))
    elif status == "IN YARD":
        discharge = today - datetime.timedelta(days=rng.randrange(0, 7))
    else:
        discharge = today - datetime.timedelta(days=rng.randrange(6, 16))
    c.status = status
    c.lfd = discharge + datetime.timedelta(days=4)
    c.gtd = c.lfd + datetime.timedelta(days=rng.randrange(0, 3))
    c.holds = (status == "ON VESSEL" and rng.random() < 0.6) or (status == "IN YARD" and rng.random() < 0.3)
    departed = arrived = released = received = pregate = None
    discharged = _at(discharge, rng) if status != "ON VESSEL" else None
    if status == "IN YARD":
        c.current_loc = terminal
        if not c.holds and rng.random() < 0.4:
            c.pregate_ticket = pregate_ticket(rng, terminal)
            c.pregate_status = "MISSED" if rng.random() < 0.15 else "CONFIRMED"
            c.gate_status = "CONFIRMED" if c.pregate_status == "CONFIRMED" else None
            pregate = discharged + datetime.timedelta(hours=rng.randrange(7, 30)) if discharged else None
        if c.lfd < today:
            c.fees = 150.0 * (today - c.lfd).days
    elif status in ("GATE OUT", "GATE IN"):
        c.pregate_ticket = pregate_ticket(rng, terminal)
        c.pregate_status, c.gate_status = "COMPLETED", "ACCEPTED"
        gone = discharge + datetime.timedelta(days=rng.randrange(1, 4))
        pregate = _at(gone - datetime.timedelta(days=1), rng)
        departed = _at(gone, rng)
        arrived = departed + datetime.timedelta(hours=rng.randrange(1, 4))
        if status == "GATE IN" or rng.random() < 0.4:
            released = arrived + datetime.timedelta(days=rng.randrange(1, 3))
        if status == "GATE IN":
            received = released + datetime.timedelta(hours=rng.randrange(3, 30)) if released else None
            c.current_loc = c.origin
            c.laden = False
    c.ticket_masked = c.pregate_ticket is not None and rng.random() < 0.2
    manifested = _at(discharge - datetime.timedelta(days=rng.randrange(8, 14)), rng)
    ready = discharged + datetime.timedelta(hours=6) if discharged and not c.holds else None
    lfd_text = c.lfd.strftime("%m/%d/%Y") if discharged else "N/A"
    pregate_reached = pregate is not None and c.pregate_status != "MISSED"
    c.milestones = (
        Milestone(IMPORT_MILESTONES[0], _datetime_text(manifested), True),
        Milestone(IMPORT_MILESTONES[1], _datetime_text(discharged), discharged is not None),
        Milestone(IMPORT_MILESTONES[2], lfd_text, discharged is not None and c.lfd <= today),
        Milestone(IMPORT_MILESTONES[3], _datetime_text(ready), ready is not None),
        Milestone(IMPORT_MILESTONES[4], _datetime_text(pregate if pregate_reached else None), pregate_reached),
        Milestone(IMPORT_MILESTONES[5], _datetime_text(departed), departed is not None),
        Milestone(IMPORT_MILESTONES[6], _datetime_text(arrived), arrived is not None),
        Milestone(IMPORT_MILESTONES[7], _datetime_text(released), released is not None),
        Milestone(IMPORT_MILESTONES[8], _datetime_text(received), received is not None),
    )
    return c


def make_export(
    rng: random.Random, number: str, booking: ExportBooking, today: datetime.date, status: str
) -> Container:
    """An export container of `booking` whose ticket and timeline agree with `status`."""
    c = _base(rng, number, booking.line, "EXPORT")
    c.size_type, c.booking_number, c.status = booking.size_type, booking.number, status
    c.origin = c.destination = booking.terminal
    cutoff = today + datetime.timedelta(days=rng.randrange(2, 12))
    c.lfd, c.gtd = cutoff - datetime.timedelta(days=5), cutoff
    picked = _at(today - datetime.timedelta(days=rng.randrange(1, 6)), rng)
    in_gate = loaded = None
    if status == "GATE OUT":
        c.laden = False
        if rng.random() < 0.3:
            c.pregate_ticket = pregate_ticket(rng, booking.terminal)
            c.pregate_status, c.gate_status = "CONFIRMED", "CONFIRMED"
    else:
        c.pregate_ticket = pregate_ticket(rng, booking.terminal)
        c.pregate_status, c.gate_status = "COMPLETED", "ACCEPTED"
        in_gate = picked + datetime.timedelta(days=1, hours=rng.randrange(1, 9))
        c.current_loc = booking.terminal
        if status == "ON VESSEL":
            loaded = in_gate + datetime.timedelta(days=rng.randrange(1, 4))
            c.current_loc = None
    c.ticket_masked = c.pregate_ticket is not None and rng.random() < 0.2
    c.milestones = (
        Milestone(EXPORT_MILESTONES[0], _datetime_text(picked), True),
        Milestone(EXPORT_MILESTONES[1], _datetime_text(in_gate), in_gate is not None),
        Milestone(EXPORT_MILESTONES[2], _datetime_text(loaded), loaded is not None),
        Milestone(EXPORT_MILESTONES[3], "N/A", False),
    )
    return c


def _weighted(rng: random.Random, choices: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


def _number(rng: random.Random, line: str, leased: bool, used: set[str]) -> str:
    while True:
        owners = LEASING_OWNER_CODES if leased else LINE_OWNER_CODES[line]
        number = make_number(rng.choice(owners), "U", rng.randrange(1_000_000))
        if number not in used:
            used.add(number)
            return number


def make_booking(rng: random.Random, used: set[str]) -> ExportBooking:
    """A new export booking with a fresh number."""
    while True:
        number = f"{rng.choice(('LAX', 'LGB', 'SHA', 'RIC', 'NGB'))}{rng.randrange(100000, 999999)}"
        if number not in used:
            used.add(number)
            break
    quantity = rng.randrange(2, 7)
    return ExportBooking(number, rng.choice(LINES), rng.choice(SIZE_TYPES), rng.choice(CONTAINER_TERMINALS),
                         quantity, quantity)


def generate(
    rng: random.Random, count: int, today: datetime.date, used: set[str]
) -> tuple[list[Container], list[ExportBooking]]:
    """`count` random containers (about 70% imports) and the export bookings they belong to."""
    containers: list[Container] = []
    bookings: list[ExportBooking] = []
    booking: ExportBooking | None = None
    for _ in range(count):
        line = rng.choice(LINES)
        if rng.random() < 0.7:
            number = _number(rng, line, rng.random() < 0.25, used)
            containers.append(make_import(rng, number, line, today, _weighted(rng, _IMPORT_STATUSES)))
            continue
        if booking is None or booking.quantity - booking.open_quantity >= booking.quantity - 1:
            booking = make_booking(rng, used)
            bookings.append(booking)
        number = _number(rng, booking.line, rng.random() < 0.5, used)
        booking.open_quantity -= 1
        containers.append(make_export(rng, number, booking, today, _weighted(rng, _EXPORT_STATUSES)))
    return containers, bookings
