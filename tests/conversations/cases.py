"""What a conversation case is: a category, the dispatcher's turns, and checks on each answer."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from Graph import AgentTurn, BookingConfirmation, HistoryMessage
from sandbox.models import Appointment
from tests.conversations.world import World

CONTAINER = re.compile(r"\b[A-Z]{4}\d{7}\b")
SLOT = re.compile(r"\b(\d{2})/(\d{2})/(\d{4})\s+(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})")


@dataclass
class TurnRecord:
    """One message of a case as it went: what was said, the turn, and what changed in the sandbox."""

    said: str
    turn: AgentTurn | None = None
    error: str = ""
    pending: BookingConfirmation | None = None
    new_appointments: list[Appointment] = field(default_factory=list)
    history: list[HistoryMessage] = field(default_factory=list)  # the thread as GET /threads/{id} would show it

    @property
    def answer(self) -> str:
        return self.turn.answer if self.turn else ""

    def shown_containers(self) -> list[str]:
        """Container numbers in the answer, in the order shown, each once."""
        return list(dict.fromkeys(CONTAINER.findall(self.answer)))

    def shown_slots(self) -> list[tuple[str, str, str]]:
        """(ISO day, start, end) of every slot window written in the answer, in order, each once."""
        found = [(f"{y}-{m}-{d}", start, end) for m, d, y, start, end in SLOT.findall(self.answer)]
        return list(dict.fromkeys(found))


@dataclass
class CaseRun:
    """A case under way: the world it runs in and the turns so far."""

    world: World
    turns: list[TurnRecord] = field(default_factory=list)

    @property
    def booked(self) -> list[Appointment]:
        return [a for t in self.turns for a in t.new_appointments]


Check = Callable[[CaseRun, TurnRecord], str | None]  # None when the answer passes, else why not
Text = str | Callable[[World], str]


@dataclass
class Turn:
    """One dispatcher message and the checks on its answer."""

    say: Text
    checks: tuple[Check, ...] = ()


@dataclass
class Case:
    """A phrasing (or a short conversation) to answer right."""

    id: str
    category: str
    turns: list[Turn]
    username: str = "dispatch1"


def say(text: Text, *checks: Check) -> Turn:
    """A turn: the message, then what its answer must show."""
    return Turn(text, checks)


def case(category: str, case_id: str, *turns: Turn, username: str = "dispatch1") -> Case:
    return Case(case_id, category, list(turns), username)


def one(category: str, case_id: str, text: Text, *checks: Check, username: str = "dispatch1") -> Case:
    """A single-turn case."""
    return Case(case_id, category, [Turn(text, checks)], username)


def by_category(cases: Sequence[Case]) -> dict[str, list[Case]]:
    grouped: dict[str, list[Case]] = {}
    for c in cases:
        grouped.setdefault(c.category, []).append(c)
    return grouped
