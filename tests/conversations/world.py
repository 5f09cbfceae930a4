"""Expected facts, derived from the sandbox's own data model (never typed in by hand)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sandbox.catalog import TERMINAL_NAMES
from sandbox.dataset import AccountData
from sandbox.models import Appointment, Container, Slot

if TYPE_CHECKING:
    from sandbox.state import SandboxState

TIMEZONE = "America/Los_Angeles"
# The suite pins the terminal's clock to this time of the port's today, so "ended windows" are the same every run.
PINNED_TIME = datetime.time(13, 30)


@dataclass
class World:
    """One sandbox account's data as the suite sees it, at the pinned terminal time."""

    state: SandboxState
    username: str
    now: datetime.datetime

    @property
    def today(self) -> datetime.date:
        return self.now.date()

    def day(self, offset: int) -> datetime.date:
        """Today plus `offset` days."""
        return self.today + datetime.timedelta(days=offset)

    @property
    def data(self) -> AccountData:
        return self.state.data[self.username]

    @property
    def plates(self) -> tuple[str, ...]:
        return self.data.account.plates

    @property
    def company(self) -> str:
        return self.data.account.company

    def container(self, number: str) -> Container:
        return self.data.by_number[number]

    def containers(self, keep: Callable[[Container], bool] = lambda c: True) -> list[Container]:
        """Known containers of the account that `keep` accepts, in the portal's order."""
        return [c for c in self.data.containers if c.known and keep(c)]

    def numbers(self, keep: Callable[[Container], bool] = lambda c: True) -> list[str]:
        return [c.number for c in self.containers(keep)]

    @property
    def unknown_numbers(self) -> list[str]:
        return [c.number for c in self.data.containers if not c.known]

    def appointments(self, keep: Callable[[Appointment], bool] = lambda a: True) -> list[Appointment]:
        """My Appointments, newest first."""
        return [a for a in self.state.appointments(self.username) if keep(a)]

    def scheduled_for(self, number: str) -> list[Appointment]:
        return self.appointments(lambda a: a.status == "SCHEDULED" and number in a.containers)

    def open_slots(self, terminal: str, move: str) -> list[Slot]:
        """Slots the terminal still takes bookings for: capacity left and the window not over yet."""
        slots = self.state.slots.values()
        found = [s for s in slots if s.terminal == terminal and s.move == move and s.remaining > 0
                 and not window_ended(s, self.now)]
        return sorted(found, key=lambda s: (s.day, s.window))


def window_ended(slot: Slot, now: datetime.datetime) -> bool:
    """Whether the slot's window is over at the terminal's local time."""
    end = slot.window.split("-")[1].strip()
    hours, minutes = (int(p) for p in end.split(":"))
    return datetime.datetime.combine(slot.day, datetime.time(hours, minutes)) <= now


# Predicates over the sandbox's containers, named as a dispatcher would say them.

def in_yard(c: Container) -> bool:
    return c.status == "IN YARD"


def ready_to_pick_up(c: Container) -> bool:
    """An import at the terminal, released (no holds)."""
    return c.trade_type == "IMPORT" and c.status == "IN YARD" and not c.holds


def actionable(c: Container) -> bool:
    """What the full check works on: released and no pregate ticket yet."""
    return not c.holds and c.pregate_ticket is None


def passed_pregate(c: Container) -> bool:
    return c.reached("Pregate") or c.reached("Departed Terminal")


def at_terminal(code: str) -> Callable[[Container], bool]:
    """Containers whose Origin, Destination or Current Loc is that terminal."""
    return lambda c: code in (c.origin, c.destination, c.current_loc)


def lfd_between(first: datetime.date, last: datetime.date) -> Callable[[Container], bool]:
    return lambda c: c.lfd is not None and first <= c.lfd <= last


def terminal_name(code: str) -> str:
    return TERMINAL_NAMES[code]


def us_date(day: datetime.date) -> str:
    """11/24 (how a dispatcher writes a date)."""
    return f"{day.month}/{day.day}"


def weekday(day: datetime.date) -> str:
    return day.strftime("%A")


def first(w: World, keep: Callable[[Container], bool]) -> str:
    """The first container (in the portal's order) that `keep` accepts."""
    return w.numbers(keep)[0]


def prebooked(w: World) -> str:
    """The container that already has a scheduled pick-up (booked in the portal before the suite)."""
    return next(a.containers[0] for a in w.appointments(lambda a: a.status == "SCHEDULED" and bool(a.containers)))


def ready_elsewhere(w: World, terminal: str = "") -> str:
    """A released import with no ticket and no appointment, other than the demo one (at `terminal` if given)."""
    from sandbox.dataset import DEMO_ACTIONABLE

    taken = {n for a in w.appointments(lambda a: a.status == "SCHEDULED") for n in a.containers}
    return first(w, lambda c: ready_to_pick_up(c) and actionable(c) and c.number not in taken
                 and c.number != DEMO_ACTIONABLE and (not terminal or c.destination == terminal))


def lfd(w: World, number: str) -> datetime.date:
    day = w.container(number).lfd
    assert day is not None
    return day


def end_of_week(w: World) -> datetime.date:
    """The coming Sunday (today when today is Sunday)."""
    return w.day(6 - w.today.weekday())


PARTS = {"07:00": "morning", "12:00": "afternoon", "18:00": "evening"}
PART_BOUNDS = {"07:00": ("", "12:00"), "12:00": ("12:00", "17:00"), "18:00": ("17:00", "")}  # start after, before


def full_window(w: World) -> tuple[datetime.date, str]:
    """The first window of the coming days at ITS with no pick-up capacity left: (day, window)."""
    slots = w.state.slots.values()
    full = sorted((s.day, s.window) for s in slots if s.terminal == "ITS" and s.move == "PICK FULL"
                  and s.remaining <= 0 and w.day(1) <= s.day <= w.day(6))
    return full[0]


def day_word(w: World, day: datetime.date) -> str:
    """How a dispatcher names a day of the coming week: tomorrow, or its weekday."""
    return "tomorrow" if day == w.day(1) else weekday(day)


def next_move(c: Container) -> tuple[str, str]:
    """(move type, terminal code) of the container's next visit, from its trade type and timeline."""
    if c.trade_type == "EXPORT":
        return ("DROP FULL", c.origin or "") if c.status == "GATE OUT" else ("", "")
    if not passed_pregate(c):
        return "PICK FULL", c.destination or ""
    if c.reached("Departed Terminal") and not c.reached("Empty Received"):
        return "DROP EMPTY", c.origin or ""
    return "", ""
