"""Checks on what the portal would do: slots offered, bookings waiting, made or refused, appointments, full check."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

from sandbox.models import Appointment, Slot
from tests.conversations.cases import CaseRun, Check, TurnRecord
from tests.conversations.checks import MAX_ROWS, Value, norm, same, value_of
from tests.conversations.world import World

NOT_BOOKED = r"not booked|reject|cancel|won'?t book|did not book|didn'?t book|already|no (offered )?slot"
Days = Callable[[World], tuple[datetime.date, datetime.date]]  # the first and last day, from the world

APPOINTMENT = re.compile(r"(?<![\w/\-])#?(\d{8})(?![\w\-])")  # not the stamp in a file name


def slots(terminal: str, move: str, *, days: Days | None = None,
          after: str | Callable[[World], str] = "", before: str | Callable[[World], str] = "") -> Check:
    """Every slot shown is open at the terminal (not over, capacity left) and in the asked window; some are shown."""

    def check(run: CaseRun, record: TurnRecord) -> str | None:
        w = run.world
        first, last = days(w) if days else (w.today, w.day(30))
        after_text = after(w) if callable(after) else after
        before_text = before(w) if callable(before) else before
        wanted = [s for s in w.open_slots(terminal, move) if first <= s.day <= last
                  and s.window[:5] >= after_text and (not before_text or s.window[:5] < before_text)]
        keys = {(s.day.isoformat(), s.window[:5], s.window[-5:]) for s in wanted}
        open_keys = {(s.day.isoformat(), s.window[:5], s.window[-5:]) for s in w.open_slots(terminal, move)}
        shown = record.shown_slots()
        ended = [s for s in shown if s not in open_keys]
        if ended:
            return f"offers slots that are over or full: {ended}"
        outside = [s for s in shown if s not in keys]
        if outside:
            return f"offers slots outside what was asked: {outside}"
        if wanted and not shown:
            return f"offers no slot; {len(wanted)} open, e.g. {wanted[0].label}"
        if not wanted and not re.search(r"no (appointments|slots|open)|none", record.answer, re.I):
            return "should say there is no slot"
        return None

    return check


def awaits_approval(container: Value = None, plate: Value = None) -> Check:
    """The booking waits for approval (for that container and truck) and nothing is booked yet."""

    def check(run: CaseRun, record: TurnRecord) -> str | None:
        if record.new_appointments:
            return "booked without approval"
        pending = record.pending
        if pending is None or record.turn is None or record.turn.confirmation is None:
            return "no booking waits for approval"
        if container is not None and not same(pending.container, value_of(container, run)):
            return f"waits for {pending.container}, expected {value_of(container, run)}"
        if plate is not None and not same(pending.truck_plate, value_of(plate, run)):
            return f"truck {pending.truck_plate}, expected {value_of(plate, run)}"
        return None

    return check


def pending_slot(start: str) -> Check:
    """The booking that waits is for the window starting at `start`."""

    def check(run: CaseRun, record: TurnRecord) -> str | None:
        slot = record.pending.slot if record.pending else ""
        return None if f"{start} -" in slot else f"waits for slot {slot!r}, expected one starting {start}"

    return check


def _decision_in_history(record: TurnRecord) -> str | None:
    """The typed decision and the answer to it are in the thread's history (not an empty assistant message)."""
    users = [i for i, m in enumerate(record.history) if m.role == "user" and m.content == record.said]
    if not users:
        return f"the history lacks the dispatcher's {record.said!r}"
    after = [m for m in record.history[users[-1] + 1:] if m.role == "assistant" and m.content.strip()]
    return None if after else f"the history has no answer after {record.said!r}"


def booked(container: Value, plate: Value = None) -> Check:
    """After approval: exactly one new appointment in the portal, for that container, and the answer names it."""

    def check(run: CaseRun, record: TurnRecord) -> str | None:
        made = run.booked
        if len(made) != 1:
            return f"expected one new appointment, the portal has {len(made)}"
        appointment = made[0]
        if value_of(container, run) not in appointment.containers:
            return f"booked {appointment.containers}, expected {value_of(container, run)}"
        if plate is not None and appointment.plate != value_of(plate, run):
            return f"booked truck {appointment.plate}, expected {value_of(plate, run)}"
        if appointment.number not in record.answer:
            return f"answer does not give the appointment number {appointment.number}"
        return _decision_in_history(record)

    return check


def not_booked() -> Check:
    """Nothing was booked, nothing waits, and no booking shows as a success."""

    def check(run: CaseRun, record: TurnRecord) -> str | None:
        if run.booked:
            return f"booked {[a.number for a in run.booked]}"
        if record.pending is not None:
            return "the booking still waits"
        calls = [*(record.turn.tool_calls if record.turn else []), *(c for m in record.history for c in m.tool_calls)]
        if any(c.name == "book_appointment" and c.status == "success" for c in calls):
            return "a rejected booking shows as a successful tool step"
        if not re.search(NOT_BOOKED, record.answer, re.I):
            return "answer does not say the booking was not made"
        return _decision_in_history(record)

    return check


def still_waiting() -> Check:
    """The booking still waits for approval, the answer says so, and nothing is booked."""

    def check(run: CaseRun, record: TurnRecord) -> str | None:
        if run.booked:
            return "booked without approval"
        if record.pending is None:
            return "the booking no longer waits"
        ok = re.search(r"approv|waiting|pending|still", record.answer, re.I)
        return None if ok else "answer does not say the booking still waits"

    return check


def nothing_waits() -> Check:
    """No booking waits for approval and nothing was booked (a refusal in any words: a window over, a duplicate)."""

    def check(run: CaseRun, record: TurnRecord) -> str | None:
        if run.booked:
            return f"booked {[a.number for a in run.booked]}"
        return "a booking waits for approval" if record.pending is not None else None

    return check


def appointments_listed(keep: Callable[[Appointment], bool] = lambda a: True) -> Check:
    """Only appointments `keep` accepts are shown (all of them when few), from this account's My Appointments."""

    def check(run: CaseRun, record: TurnRecord) -> str | None:
        expected = [a.number for a in run.world.appointments(keep)]
        shown = list(dict.fromkeys(APPOINTMENT.findall(record.answer)))
        wrong = [n for n in shown if n not in expected]
        if wrong:
            return f"shows appointments {wrong} that do not match"
        if not expected:
            return None if re.search(r"\b(no|none|0)\b", record.answer, re.I) else "should say there are none"
        if len(expected) <= MAX_ROWS and len(shown) < len(expected):
            return f"misses appointments {[n for n in expected if n not in shown]}"
        if not shown:
            return "shows no appointment"
        return None

    return check


def already_booked(number: Value) -> Check:
    """The answer says the container already has an appointment (with its number) and offers no slot for it."""

    def check(run: CaseRun, record: TurnRecord) -> str | None:
        n = str(value_of(number, run))
        existing = run.world.scheduled_for(n)
        if not re.search(r"already", record.answer, re.I):
            return f"does not say {n} already has an appointment"
        if existing and existing[0].number not in record.answer:
            return f"does not name the existing appointment {existing[0].number}"
        return None

    return check


def no_slots_offered(number: Value = None) -> Check:
    """No slot is offered (the window of the container's existing appointment may be named)."""

    def check(run: CaseRun, record: TurnRecord) -> str | None:
        existing = set()
        if number is not None:
            existing = {(a.day.isoformat(), a.window[:5], a.window[-5:])
                        for a in run.world.scheduled_for(str(value_of(number, run)))}
        offered = [s for s in record.shown_slots() if s not in existing]
        return f"offers slots {offered[:3]}" if offered else None

    return check


def pending_is_shown(turn: int, index: int) -> Check:
    """The booking that waits is for the slot shown at `index` in the answer of turn `turn`."""

    def check(run: CaseRun, record: TurnRecord) -> str | None:
        offered = run.turns[turn].shown_slots()
        if index >= len(offered):
            return f"turn {turn + 1} showed only {len(offered)} slots"
        day, start, end = offered[index]
        slot = record.pending.slot if record.pending else ""
        d = datetime.date.fromisoformat(day)
        ok = d.strftime("%m/%d/%Y") in slot and f"{start} - {end}" in slot
        return None if ok else f"waits for {slot!r}, expected {d:%m/%d/%Y} {start} - {end}"

    return check


def pending_chassis(own: bool) -> Check:
    def check(run: CaseRun, record: TurnRecord) -> str | None:
        got = record.pending.own_chassis if record.pending else None
        return None if got is own else f"own chassis {got}, expected {own}"

    return check


def full_check(plate: str) -> Check:
    """The full check ran with that truck; every actionable container with an open slot is in the answer, none
    with a window that is over; one that already has an appointment is said to be skipped."""

    def check(run: CaseRun, record: TurnRecord) -> str | None:
        from tests.conversations.world import actionable, next_move, window_ended

        calls = [c for c in (record.turn.tool_calls if record.turn else []) if c.name == "run_container_check"]
        if not calls or norm(calls[0].args.get("truck_plate", "")) != plate:
            return f"expected run_container_check(truck_plate={plate}); got {calls}"
        w = run.world
        todo = w.containers(actionable)
        taken = [c.number for c in todo if w.scheduled_for(c.number)]
        with_slot = [c.number for c in todo if c.number not in taken and w.open_slots(*reversed(next_move(c)))]
        missing = [n for n in with_slot if n not in record.answer]
        if missing:
            return f"answer lacks {missing}, which have open slots"
        over = [s for s in record.shown_slots() if window_ended(_slot_of(s), w.now)]
        if over:
            return f"offers windows that are over: {over}"
        for n in taken:
            if not re.search(rf"{n}[^\n]*already|already[^\n]*{n}", record.answer, re.I):
                return f"does not say {n} is skipped because it already has an appointment"
        return None

    return check


def _slot_of(shown: tuple[str, str, str]) -> Slot:
    day, start, end = shown
    return Slot("", "", datetime.date.fromisoformat(day), f"{start} - {end}", 0)
