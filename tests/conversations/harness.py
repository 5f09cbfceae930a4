"""Runs conversation cases through the real graph, the offline model, the sandbox portal and headless Chromium."""

from __future__ import annotations

import dataclasses
import datetime
import time
import uuid
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from backend.config import Settings
from EModal import PortalSessionPool
from Graph import AgentContext, AgentRunner, open_checkpointer
from LLM import load_chat_model
from portal_service.access import AccountPortalAccess
from sandbox.booking import VisitRequest, book
from sandbox.catalog import TERMINAL_NAMES
from sandbox.dataset import DEMO_ACTIONABLE
from tests.conversations.cases import Case, CaseRun, TurnRecord, by_category
from tests.conversations.world import PINNED_TIME, TIMEZONE, World, actionable, ready_to_pick_up
from tests.EModal.support import connector_config, credentials
from tests.support.doubles import DirectoryFileStore, ListAuditTrail
from tests.support.sandbox import start_sandbox
from Tools import TOOLS

STACKS = 2  # cases run on two identical stacks at once: most of a case is waiting for the browser
CONTAINERS = 20  # per account: every kind of row the sandbox makes, and a full check that stays short


@dataclass
class CaseResult:
    """How one case went: the failures (empty when it passed), the transcript and its duration."""

    case: Case
    failures: list[str]
    transcript: list[tuple[str, str]]
    seconds: float

    @property
    def passed(self) -> bool:
        return not self.failures


@dataclass
class ConversationStack:
    """A sandbox, a warm portal session pool and a runner on the offline model, shared by every case."""

    server: Any
    pool: PortalSessionPool
    runner: AgentRunner
    files: Path
    now: datetime.datetime
    audit: ListAuditTrail = field(default_factory=ListAuditTrail)

    def world(self, username: str) -> World:
        return World(self.server.state, username, self.now)

    def context(self, username: str, thread_id: str) -> AgentContext:
        portal = AccountPortalAccess(self.pool, account_key=f"acct-{username}", credentials=credentials(username),
                                     account_label=f"{username} (sandbox)",
                                     trucking_company=self.server.state.accounts[username].company)
        values: dict[str, Any] = {"user_id": 1 if username == "dispatch1" else 2,
                                  "auth_session_id": f"auth-{username}", "thread_id": thread_id, "portal": portal,
                                  "files": DirectoryFileStore(self.files), "audit": self.audit,
                                  "today": self.now.date()}
        if "now" in {f.name for f in dataclasses.fields(AgentContext)}:
            values["now"] = self.now  # the terminal clock, pinned so "a window that has ended" is the same each run
        return AgentContext(**values)


def pinned_now() -> datetime.datetime:
    """Today at the port, at the pinned time (naive, as slot windows are written)."""
    return datetime.datetime.combine(datetime.datetime.now(ZoneInfo(TIMEZONE)).date(), PINNED_TIME)


def prebook(stack: ConversationStack) -> None:
    """Book one released import for tomorrow morning in the portal itself, as if done earlier on the site."""
    world = stack.world("dispatch1")
    container = next(c for c in world.containers(lambda c: ready_to_pick_up(c) and actionable(c))
                     if c.destination == "ITS" and c.number != DEMO_ACTIONABLE)
    slot = next(s for s in world.open_slots("ITS", "PICK FULL") if s.day == world.day(1))
    request = VisitRequest(trucking=world.company, terminal=TERMINAL_NAMES["ITS"], move="PICK FULL",
                           containers=(container.number,), plate=world.plates[1], slot_id=slot.slot_id)
    state = stack.server.state
    book(world.data, state.slots, request, state.rng)


@contextmanager
def conversation_stacks(workdir: Path, count: int = STACKS) -> Iterator[list[ConversationStack]]:
    """Start `count` identical stacks (same seed, same day: the same portal data); stop them all at the end.

    Each has its own sandbox, so a case that books in one never meets another case's booking.
    """
    now = pinned_now()
    with ExitStack() as stack:
        stacks: list[ConversationStack] = []
        for index in range(count):
            home = workdir / f"stack-{index}"
            server, url = start_sandbox(https=False, containers_per_account=CONTAINERS, today=now.date())
            stack.callback(server.stop)
            pool = stack.enter_context(PortalSessionPool(connector_config(url, home / "portal-files", pool_size=2)))
            checkpointer = stack.enter_context(open_checkpointer("sqlite:///unused", home))
            model = load_chat_model(Settings(data_dir=home), TOOLS)
            conversation = ConversationStack(server, pool, AgentRunner(model=model, checkpointer=checkpointer),
                                             home / "files", now)
            prebook(conversation)
            stacks.append(conversation)
        yield stacks


def _snapshot(state: Any) -> tuple[dict[str, int], dict[str, int], dict[tuple[str, str], int]]:
    appointments = {name: len(data.appointments) for name, data in state.data.items()}
    slots = {key: slot.booked for key, slot in state.slots.items()}
    bookings = {(name, b.number): b.open_quantity for name, data in state.data.items() for b in data.bookings.values()}
    return appointments, slots, bookings


def _restore(state: Any, snapshot: tuple[dict[str, int], dict[str, int], dict[tuple[str, str], int]]) -> None:
    """Undo what a case booked, so every case meets the same portal."""
    appointments, slots, bookings = snapshot
    for name, count in appointments.items():
        del state.data[name].appointments[count:]
    for key, booked_count in slots.items():
        state.slots[key].booked = booked_count
    for (name, number), quantity in bookings.items():
        state.data[name].bookings[number].open_quantity = quantity


def run_case(stack: ConversationStack, case: Case) -> CaseResult:
    """Play the case's turns on a new thread; stop at the first turn that fails (later turns build on it)."""
    started = time.perf_counter()
    world = stack.world(case.username)
    thread_id = f"{case.category}-{case.id}-{uuid.uuid4().hex[:8]}"
    snapshot = _snapshot(stack.server.state)
    run = CaseRun(world)
    failures: list[str] = []
    try:
        for index, turn in enumerate(case.turns, start=1):
            text = turn.say(world) if callable(turn.say) else turn.say
            before = len(world.data.appointments)
            record = TurnRecord(said=text)
            try:
                record.turn = stack.runner.ask(message=text, context=stack.context(case.username, thread_id))
            except Exception as exc:  # a crash is a failed case, not a failed suite
                record.error = f"{type(exc).__name__}: {exc}"
            record.new_appointments = list(world.data.appointments[before:])
            record.pending = stack.runner.pending_confirmation(thread_id)
            record.history = stack.runner.history(thread_id)
            run.turns.append(record)
            reasons = [record.error] if record.error else [r for c in turn.checks if (r := c(run, record))]
            failures += [f"turn {index} {text!r}: {r}" for r in reasons]
            if failures:
                break
    finally:
        _restore(stack.server.state, snapshot)
    transcript = [(t.said, t.answer or t.error) for t in run.turns]
    return CaseResult(case, failures, transcript, time.perf_counter() - started)


# Rough seconds per case by category (portal work dominates), to split the cases evenly between stacks.
_COST = {"full_check": 16.0, "booking": 6.0, "time": 4.0, "slots": 4.0, "followups": 3.0}


def run_cases(stacks: Sequence[ConversationStack], cases: Sequence[Case]) -> list[CaseResult]:
    """Run the cases on the stacks at once (each stack plays its share in turn); results in the cases' order."""
    shares: list[list[int]] = [[] for _ in stacks]
    loads = [0.0 for _ in stacks]
    for index in sorted(range(len(cases)), key=lambda i: -_COST.get(cases[i].category, 1.0)):
        lightest = loads.index(min(loads))
        shares[lightest].append(index)
        loads[lightest] += _COST.get(cases[index].category, 1.0)
    results: dict[int, CaseResult] = {}

    def play(stack: ConversationStack, share: list[int]) -> None:
        for index in sorted(share):
            results[index] = run_case(stack, cases[index])

    with ThreadPoolExecutor(max_workers=len(stacks)) as workers:
        for future in [workers.submit(play, stack, share) for stack, share in zip(stacks, shares, strict=True)]:
            future.result()
    return [results[i] for i in range(len(cases))]


def pass_rate(results: Sequence[CaseResult]) -> float:
    return sum(r.passed for r in results) / len(results) if results else 1.0


def rates_by_category(results: Sequence[CaseResult]) -> dict[str, tuple[int, int]]:
    """category -> (passed, total)."""
    grouped = by_category([r.case for r in results])
    passed = {(r.case.category, r.case.id) for r in results if r.passed}  # ids are unique within a category
    return {name: (sum((c.category, c.id) in passed for c in cases), len(cases))
            for name, cases in sorted(grouped.items())}


def _short(text: str, limit: int = 220) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit] + "…"


def failure_report(results: Sequence[CaseResult]) -> str:
    """The failed cases with why, and what was said and answered."""
    lines: list[str] = []
    for r in results:
        if r.passed:
            continue
        lines.append(f"FAIL {r.case.category}/{r.case.id}: {'; '.join(r.failures)}")
        lines += [f"    > {_short(said, 120)}\n    < {_short(answer)}" for said, answer in r.transcript]
    return "\n".join(lines)


def summary(label: str, results: Sequence[CaseResult]) -> str:
    rows = [f"{label}: {sum(r.passed for r in results)}/{len(results)} passed ({pass_rate(results):.0%})"]
    for name, (ok, total) in rates_by_category(results).items():
        rows.append(f"  {name:<14} {ok:>3}/{total:<3} {ok / total:.0%}")
    return "\n".join(rows)
