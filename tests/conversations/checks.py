"""Checks on an answer: facts present, tools called with which arguments, one specific question."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from typing import TypeVar

from sandbox.catalog import TERMINAL_NAMES
from sandbox.models import Container
from tests.conversations.cases import CaseRun, Check, TurnRecord
from tests.conversations.world import World, us_date

Value = object  # a literal, or a callable of the run giving the expected value
T = TypeVar("T")
MAX_ROWS = 15  # rows an answer lists; the rest is in a file


def value_of(expected: Value, run: CaseRun) -> object:
    return expected(run) if callable(expected) else expected


def norm(value: object) -> str:
    return re.sub(r"[\s\-_]", "", str(value)).upper()


class Terminal:
    """A terminal argument: its code or its full name."""

    def __init__(self, code: str) -> None:
        self.code = code

    def __call__(self, run: CaseRun) -> Terminal:
        return self

    def accepts(self, actual: object) -> bool:
        return norm(actual) in (norm(self.code), norm(TERMINAL_NAMES[self.code]))

    def __repr__(self) -> str:
        return f"{self.code} or {TERMINAL_NAMES[self.code]!r}"


def same(actual: object, expected: object) -> bool:
    if isinstance(expected, Terminal):
        return expected.accepts(actual)
    if isinstance(expected, bool):
        return actual is expected or str(actual).lower() == str(expected).lower()
    if isinstance(expected, datetime.date):
        return str(actual) in (expected.isoformat(), expected.strftime("%m/%d/%Y"))
    return norm(actual) == norm(expected)


def tool(name: str, **args: Value) -> Check:
    """The turn called `name` with (at least) these arguments."""

    def check(run: CaseRun, record: TurnRecord) -> str | None:
        calls = [c for c in (record.turn.tool_calls if record.turn else []) if c.name == name]
        wanted = {k: value_of(v, run) for k, v in args.items()}
        for call in calls:
            if all(same(call.args.get(k, ""), v) for k, v in wanted.items()):
                return None
        seen = [f"{c.name}({c.args})" for c in (record.turn.tool_calls if record.turn else [])]
        return f"expected {name}({wanted}); called {seen or 'no tool'}"

    return check


def either(*checks: Check) -> Check:
    """Any one of the checks passes (two right ways to answer)."""

    def check(run: CaseRun, record: TurnRecord) -> str | None:
        reasons = [c(run, record) for c in checks]
        return None if any(r is None for r in reasons) else " / ".join(str(r) for r in reasons)

    return check


def no_tool(*names: str) -> Check:
    """The turn called none of these tools (no tool at all when none is named)."""

    def check(run: CaseRun, record: TurnRecord) -> str | None:
        calls = record.turn.tool_calls if record.turn else []
        bad = [c.name for c in calls if not names or c.name in names]
        return f"did not expect {bad}" if bad else None

    return check


def _texts(texts: Iterable[Value], run: CaseRun) -> list[str]:
    out: list[str] = []
    for t in texts:
        value = value_of(t, run)
        out.extend(value if isinstance(value, list | tuple) else [str(value)])
    return out


def says(*texts: Value) -> Check:
    """The answer contains every text (case-insensitive)."""

    def check(run: CaseRun, record: TurnRecord) -> str | None:
        missing = [t for t in _texts(texts, run) if t.lower() not in record.answer.lower()]
        return f"answer lacks {missing}" if missing else None

    return check


def says_any(*texts: Value) -> Check:
    """The answer contains at least one of the texts (case-insensitive)."""

    def check(run: CaseRun, record: TurnRecord) -> str | None:
        wanted = _texts(texts, run)
        return None if any(t.lower() in record.answer.lower() for t in wanted) else f"answer has none of {wanted}"

    return check


def not_says(*texts: Value) -> Check:
    def check(run: CaseRun, record: TurnRecord) -> str | None:
        found = [t for t in _texts(texts, run) if t.lower() in record.answer.lower()]
        return f"answer should not contain {found}" if found else None

    return check


def _has_number(answer: str, number: int) -> bool:
    return re.search(rf"(?<![\d/:.\-]){number}(?![\d/:]|\.\d)", answer) is not None


def lists(keep: Callable[[Container], bool], *, count: bool = True) -> Check:
    """The answer shows only containers `keep` accepts, all of them when few, and their count."""
    return lists_when(lambda w: keep, count=count)


def lists_when(make: Callable[[World], Callable[[Container], bool]], *, count: bool = True,
               allow: Callable[[World], Callable[[Container], bool]] | None = None) -> Check:
    """As `lists`, with the filter made from the world when the check runs (dates relative to today).

    `allow` widens what may be shown where the phrasing has two fair readings ("this week" on a Saturday).
    """

    def check(run: CaseRun, record: TurnRecord) -> str | None:
        expected = run.world.numbers(make(run.world))
        allowed = run.world.numbers(allow(run.world)) if allow else expected
        shown = record.shown_containers()
        wrong = [n for n in shown if n not in allowed and n not in expected]
        if wrong:
            return f"shows {wrong}, which do not match (expected among {expected})"
        if not expected:
            return None if not shown and re.search(r"\b(no|none|0)\b", record.answer, re.I) else "should say none"
        if not shown:
            return f"shows no container; expected {expected}"
        if len(expected) <= MAX_ROWS and len(shown) < len(expected):
            return f"misses {[n for n in expected if n not in shown]}"
        if count and not _has_number(record.answer, len(expected)):
            return f"does not give the count {len(expected)}"
        return None

    return check


def asks(*offers: Value, least: int = 1) -> Check:
    """One specific question, offering likely answers (at least `least` of `offers`), and no portal action."""

    def check(run: CaseRun, record: TurnRecord) -> str | None:
        if record.answer.count("?") != 1:
            return f"expected one question, got {record.answer.count('?')} question marks"
        acted = [c.name for c in (record.turn.tool_calls if record.turn else [])
                 if c.name in ("check_appointments", "book_appointment", "run_container_check")
                 and c.status == "success"]
        if acted:
            return f"acted ({acted}) instead of asking"
        options = _texts(offers, run)
        offered = [o for o in options if o.lower() in record.answer.lower()]
        return None if len(offered) >= min(least, len(options)) else f"offers none of {options[:6]}"

    return check


def has_file(kind: str) -> Check:
    def check(run: CaseRun, record: TurnRecord) -> str | None:
        kinds = [f.kind for f in (record.turn.files if record.turn else [])]
        return None if kind in kinds else f"expected a {kind} file, got {kinds}"

    return check


def shown(turn: int, index: int) -> Callable[[CaseRun], str]:
    """The container shown at `index` (0-based) in the answer of turn `turn`."""

    def value(run: CaseRun) -> str:
        found = run.turns[turn].shown_containers()
        return found[index] if -len(found) <= index < len(found) else f"<turn {turn + 1} showed {len(found)}>"

    return value


def fact(compute: Callable[[World], T]) -> Callable[[CaseRun], T]:
    """A value computed from the sandbox's data when the check runs."""
    return lambda run: compute(run.world)


def mentions_day(day: Callable[[CaseRun], datetime.date], *, weekday: bool = False) -> Check:
    """The answer writes that day (11/24, 11/24/2026 or 2026-11-24), and its weekday name when asked."""

    def check(run: CaseRun, record: TurnRecord) -> str | None:
        d = day(run)
        forms = (d.isoformat(), d.strftime("%m/%d"), us_date(d))
        pattern = "|".join(rf"(?<!\d){re.escape(f)}(?!\d)" for f in forms)
        if not re.search(pattern, record.answer):
            return f"answer lacks the date {d.isoformat()}"
        name = d.strftime("%A")
        return f"answer does not spell out {name}" if weekday and name.lower() not in record.answer.lower() else None

    return check


def pregate(number: Value) -> Check:
    """The pregate verdict agrees with the container's timeline in the sandbox."""

    def check(run: CaseRun, record: TurnRecord) -> str | None:
        from tests.conversations.world import passed_pregate

        n = str(value_of(number, run))
        passed = passed_pregate(run.world.container(n))
        text = record.answer
        negative = re.search(r"^\W*no\b|not (yet )?(passed|been|cleared|gone)|hasn'?t|has not|did not|didn'?t|not yet",
                             text, re.I)
        positive = re.search(r"\byes\b|\bpassed\b|\bcleared\b", text, re.I)
        if passed and (negative or not positive):
            return f"{n} has passed Pregate; the answer does not say so"
        if not passed and not negative:
            return f"{n} has not passed Pregate; the answer does not say so"
        return None

    return check


def says_total() -> Check:
    """The answer gives how many containers the account has (every row, or the rows the portal knows)."""

    def check(run: CaseRun, record: TurnRecord) -> str | None:
        rows = run.world.data.containers
        counts = {len(rows), len([c for c in rows if c.known])}
        return None if any(_has_number(record.answer, n) for n in counts) else f"answer lacks the count {counts}"

    return check


def says_count(keep: Callable[[Container], bool]) -> Check:
    """The answer gives how many containers `keep` accepts."""

    def check(run: CaseRun, record: TurnRecord) -> str | None:
        count = len(run.world.numbers(keep))
        return None if _has_number(record.answer, count) else f"answer lacks the count {count}"

    return check
