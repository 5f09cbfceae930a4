"""Per-account data: the demo's named containers, generated rows, export bookings, past appointments."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from sandbox.accounts import DISPATCH1, SandboxAccount
from sandbox.generator import generate, make_export, make_import, pregate_ticket
from sandbox.iso6346 import make_number
from sandbox.models import Appointment, Container, ExportBooking

DEMO_PREGATED = "MSDU5772413"  # import that has passed Pregate
DEMO_ACTIONABLE = "MSCU5165756"  # import IN YARD at ITS, Holds NO, no pregate ticket
DEMO_EXPORT = "CAIU7181746"  # export of booking DEMO_BOOKING, picked up empty, waiting to drop full
DEMO_EMPTY_RETURNED = "HMMU9048448"  # import whose empty is back at the terminal
DEMO_BOOKING = "LGB240117"  # open export booking, 3 units still open at TTI
CLOSED_BOOKING = "LGB240118"  # export booking with nothing open
APPOINTMENT_PAGE_SIZE = 30


@dataclass
class AccountData:
    """Everything one portal user sees, indexed for constant-time lookups."""

    account: SandboxAccount
    containers: list[Container]
    bookings: dict[str, ExportBooking]
    appointments: list[Appointment] = field(default_factory=list)
    by_number: dict[str, Container] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_number = {c.number: c for c in self.containers}


def _demo_containers(rng: random.Random, today: datetime.date) -> tuple[list[Container], list[ExportBooking]]:
    pregated = make_import(rng, DEMO_PREGATED, "MSCU", today, "GATE OUT")
    pregated.origin = pregated.destination = "ITS"
    pregated.pregate_ticket, pregated.ticket_masked = pregate_ticket(rng, "ITS"), False
    pregated.holds, pregated.tags, pregated.size_type = False, None, "40DH"
    actionable = make_import(rng, DEMO_ACTIONABLE, "MSCU", today, "IN YARD")
    actionable.holds, actionable.pregate_ticket, actionable.pregate_status = False, None, None
    actionable.gate_status, actionable.ticket_masked = None, False
    actionable.origin = actionable.destination = actionable.current_loc = "ITS"
    discharged, ready, pregate = actionable.milestones[1], actionable.milestones[3], actionable.milestones[4]
    if not ready.reached:
        ready.when, ready.reached = discharged.when, True
    pregate.when, pregate.reached = "N/A", False
    booking = ExportBooking(DEMO_BOOKING, "CMDU", "40DH", "TTI", 4, 3)
    closed = ExportBooking(CLOSED_BOOKING, "CMDU", "40GP", "TTI", 2, 0)
    export = make_export(rng, DEMO_EXPORT, booking, today, "GATE OUT")
    export.pregate_ticket = export.pregate_status = export.gate_status = None
    export.ticket_masked = False
    returned = make_import(rng, DEMO_EMPTY_RETURNED, "HDMU", today, "GATE IN")
    return [pregated, actionable, export, returned], [booking, closed]


def unknown_container(number: str) -> Container:
    """A watched number the portal does not know: every cell reads N/A."""
    return Container(number=number, known=False, line="", size_type="")


def _appointments(rng: random.Random, account: SandboxAccount, containers: list[Container],
                  today: datetime.date, count: int) -> list[Appointment]:
    done: list[Appointment] = []
    imports = [c for c in containers if c.known and c.trade_type == "IMPORT" and c.destination]
    for index in range(count):
        c = imports[index % len(imports)] if imports else None
        day = today - datetime.timedelta(days=count - index)
        done.append(Appointment(
            number=str(40_000_000 + rng.randrange(1_000_000) * 10 + index % 10),
            terminal=(c.destination if c and c.destination else "ITS"), move="PICK FULL", day=day,
            window="07:00 - 12:00", company=account.company, plate=rng.choice(account.plates),
            own_chassis=rng.random() < 0.3, containers=(c.number,) if c else (),
            status="COMPLETED" if rng.random() < 0.85 else "CANCELLED",
            created_at=datetime.datetime.combine(day - datetime.timedelta(days=1), datetime.time(9)),
        ))
    return done


def build_account_data(account: SandboxAccount, seed: int, count: int, today: datetime.date) -> AccountData:
    """The account's containers (`count` rows in all), bookings and past appointments."""
    rng = random.Random(f"{seed}:{account.username}")
    used: set[str] = set()
    fixed: list[Container] = []
    bookings: list[ExportBooking] = []
    if account.username == DISPATCH1.username:
        fixed, bookings = _demo_containers(random.Random(f"{seed}:demo"), today)
        used.update(c.number for c in fixed)
        used.update(b.number for b in bookings)
    unknown = unknown_container(make_number("TGH", "U", rng.randrange(1_000_000)))
    used.add(unknown.number)
    generated, more = generate(rng, max(0, count - len(fixed) - 1), today, used)
    rows = fixed + generated
    rows.insert(min(4, len(rows)), unknown)
    rows = rows[:count] if count >= 1 else []
    data = AccountData(account, rows, {b.number: b for b in bookings + more})
    data.appointments = _appointments(rng, account, rows, today, 36)
    return data
