"""How a container reads in the list and in its expanded detail (JSON the page script renders)."""

from __future__ import annotations

import random
from typing import Any

from sandbox.catalog import REEFER_SIZES, TERMINAL_NAMES
from sandbox.models import Container

NA = "N/A"
_DRIVERS = ("JOSE MARTINEZ", "DAVID NGUYEN", "MARIA LOPEZ", "JAMES SMITH", "LUIS HERNANDEZ", "KEVIN PARK")


def _text(value: str | None) -> str:
    return value if value else NA


def _date(value: Any) -> str:
    return value.strftime("%m/%d/%Y") if value else NA


def ticket_text(c: Container) -> str:
    """The Pregate Ticket# cell: the ticket, a run of `*` when masked, or N/A."""
    if not c.pregate_ticket:
        return NA
    return "*" * len(c.pregate_ticket) if c.ticket_masked else c.pregate_ticket


def fees_text(c: Container) -> str:
    """Fees as the portal prints them."""
    return f"${c.fees:,.2f}" if c.known else NA


def lfd_gtd_text(c: Container) -> str:
    """`MM/DD/YYYY - MM/DD/YYYY` or N/A."""
    if not c.known or not c.lfd or not c.gtd:
        return NA
    return f"{_date(c.lfd)} - {_date(c.gtd)}"


def cell_values(c: Container) -> list[str]:
    """The 18 column values in order; the first carries the trailing L/E letter."""
    if not c.known:
        return [NA] * 18
    return [
        c.number + ("L" if c.laden else "E"),
        c.trade_type,
        c.status,
        " YES" if c.holds else " NO",
        ticket_text(c),
        _text(c.pregate_status),
        _text(c.gate_status),
        _text(c.origin),
        _text(c.destination),
        _text(c.current_loc),
        c.line,
        c.vessel_name,
        c.vessel_code,
        c.voyage,
        c.size_type,
        fees_text(c),
        lfd_gtd_text(c),
        _text(c.tags),
    ]


def terminal_name(c: Container) -> str:
    """Name of the terminal the container is at or headed to."""
    code = c.current_loc or c.destination or c.origin
    return TERMINAL_NAMES.get(code or "", code or NA)


def _detail(c: Container) -> dict[str, Any]:
    if not c.known:
        return {"terminal": NA, "status": NA, "booking": NA, "sections": [], "milestones": []}
    rng = random.Random(c.number)
    arrived = c.pregate_status in ("COMPLETED", "CONFIRMED")
    pregate_time = next((m.when for m in c.milestones if m.name in ("Pregate", "Terminal In-Gate")), NA)
    holds = [
        ("Custom Hold/Release", "HOLD" if c.holds and rng.random() < 0.6 else "RELEASED"),
        ("Line Hold/Release", "HOLD" if c.holds else "RELEASED"),
        ("Other Holds", "CTF" if c.holds and rng.random() < 0.3 else "NONE"),
        ("LFD", _date(c.lfd)),
        ("Good Through", _date(c.gtd)),
    ]
    arrival = [
        ("Arrival Carrier", "TRUCK" if arrived else NA),
        ("Truck #", f"T{rng.randrange(100, 999)}" if arrived else NA),
        ("Trucker Scac", rng.choice(("KRTL", "PCDY", "ABCT")) if arrived else NA),
        ("Driver Name", rng.choice(_DRIVERS) if arrived else NA),
        ("Pregate Time", pregate_time if arrived else NA),
        ("Pregate Status", _text(c.pregate_status)),
        ("Rail Number", NA),
    ]
    departure = [
        ("Departure Carrier", "VESSEL" if c.trade_type == "EXPORT" else "TRUCK"),
        ("Line", c.line),
        ("Vessel Code/Voyage", f"{c.vessel_code}/{c.voyage}"),
    ]
    other = [
        ("Haz", "Y" if rng.random() < 0.05 else "N"),
        ("OD", "Y" if rng.random() < 0.03 else "N"),
        ("Reefer", "Y" if c.size_type in REEFER_SIZES else "N"),
        ("Yard Location", f"{rng.choice('ABCDEFG')}{rng.randrange(10, 99)}-{rng.randrange(1, 9)}"
         if c.current_loc else NA),
        ("Weight", f"{rng.randrange(3800, 28000) if c.laden else rng.randrange(2200, 4800):,}"),
        ("UOM", "KG"),
        ("Yard Status", "AVAILABLE" if c.status == "IN YARD" and not c.holds else c.status),
    ]
    return {
        "terminal": terminal_name(c),
        "status": c.status,
        "booking": _text(c.booking_number),
        "sections": [
            ["Holds/Releases", holds],
            ["Fees", [("Total Fees", fees_text(c)), ("Demurrage", fees_text(c))]],
            ["Arrival Information", arrival],
            ["Departure Information", departure],
            ["Other Information", other],
        ],
        "milestones": [[m.name, m.when, m.reached] for m in c.milestones],
    }


def row_json(c: Container) -> dict[str, Any]:
    """One list row with its detail, ready for the page script."""
    return {"number": c.number if c.known else NA, "cells": cell_values(c), "detail": _detail(c)}
