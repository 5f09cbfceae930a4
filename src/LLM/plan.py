"""The offline model's next step: a tool call for the request, or the answer once its results are in."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage

from LLM import answers
from LLM import intents as kinds
from LLM.intents import Intent

EXAMPLES = (
    "- *containers ready to pick up* · *imports in yard with LFD this week* · *which containers have holds at TTI?*\n"
    "- *status of MSCU5165756* · *has MSDU5772413 passed pregate?* · *timeline of MSDU5772413*\n"
    "- *slots for MSCU5165756 tomorrow morning, truck 7KRT481* · then *book the first one* or *book the 8:00 one*\n"
    "- *my appointments* · *export my containers to Excel* · *run the full check with truck 7KRT481* · "
    "*am I logged in?*"
)
HELP_TEXT = "I work in your E-Modal account for you. Try:\n\n" + EXAMPLES
UNKNOWN_TEXT = "Sorry, I did not understand that. Here is what I can do:\n\n" + EXAMPLES


@dataclass
class ToolResult:
    """One tool call of this turn and its result."""

    name: str
    args: dict[str, Any]
    ok: bool
    data: dict[str, Any]
    text: str


def split_turn(messages: list[BaseMessage]) -> tuple[list[str], str, list[ToolResult]]:
    """Earlier user texts, the current user text, and the tool results since it."""
    last = max((i for i, m in enumerate(messages) if isinstance(m, HumanMessage)), default=-1)
    earlier = [str(m.content) for m in messages[:max(last, 0)] if isinstance(m, HumanMessage)]
    current = str(messages[last].content) if last >= 0 else ""
    return earlier, current, tool_results(messages[last + 1:])


def tool_results(messages: list[BaseMessage]) -> list[ToolResult]:
    """Tool results in order, with the arguments of the call that produced each."""
    calls = {c["id"]: c for m in messages if isinstance(m, AIMessage) for c in m.tool_calls}
    results = []
    for m in messages:
        if not isinstance(m, ToolMessage):
            continue
        call: dict[str, Any] = dict(calls.get(m.tool_call_id) or {})
        try:
            data = json.loads(str(m.content))
        except ValueError:
            data = {}
        results.append(ToolResult(m.name or call.get("name", ""), dict(call.get("args", {})), m.status != "error",
                                  data if isinstance(data, dict) else {}, str(m.content)))
    return results


def _call(name: str, **args: Any) -> AIMessage:
    return AIMessage(content="", tool_calls=[{"name": name, "args": args, "id": f"call_{uuid.uuid4().hex[:24]}",
                                              "type": "tool_call"}])


def _say(text: str) -> AIMessage:
    return AIMessage(content=text)


def _invalid_numbers(intent: Intent) -> str:
    bad = "; ".join(f"**{raw}** ({why})" for raw, why in intent.entities.invalid_containers)
    return (f"{bad} — that is not a valid container number (ISO 6346: 3 owner letters, U/J/Z, 6 digits and a check "
            "digit). Please check the number and ask again.")


def _list_args(intent: Intent) -> dict[str, Any]:
    e = intent.entities
    args: dict[str, Any] = {k: v for k, v in {"status": e.status, "trade_type": e.trade_type, "holds": e.holds,
                                              "terminal": e.terminal, "line": e.line}.items() if v}
    start, end = (e.day, e.day) if e.day else (e.day_from, e.day_to)
    if e.lfd or start or end:
        if start:
            args["lfd_from"] = start.isoformat()
        if end:
            args["lfd_to"] = end.isoformat()
    return args


def _slot_args(intent: Intent, number: str) -> dict[str, Any]:
    e = intent.entities
    args: dict[str, Any] = {"container_number": number, "truck_plate": e.plate}
    for key, value in (("terminal", e.terminal), ("move_type", e.move_type),
                       ("starting_before", e.starting_before), ("day", e.day.isoformat() if e.day else "")):
        if value:
            args[key] = value
    if e.own_chassis is not None:
        args["own_chassis"] = e.own_chassis
    return args


def _latest_check(messages: list[BaseMessage], number: str = "") -> dict[str, Any] | None:
    for result in reversed(tool_results(messages)):
        if result.name == "check_appointments" and result.ok and (not number or result.data.get("container") == number):
            return result.data
    return None


NEED_PLATE = ("The appointment wizard needs a truck: which plate should I use? Reply e.g. *truck 7KRT481* "
              "(add *own chassis* if the truck brings its own).")


def next_step(messages: list[BaseMessage], today: date, tools: set[str]) -> AIMessage:
    """What to do after the last message: call a tool or answer."""
    earlier, current, done = split_turn(messages)
    intent = kinds.parse(current, today, earlier)
    failed = next((r for r in done if not r.ok), None)
    if failed is not None:
        return _say(answers.error_answer(failed.name, failed.text))
    if intent.entities.invalid_containers and not intent.entities.containers:
        return _say(_invalid_numbers(intent))
    step = _step(intent, messages, done)
    if step.tool_calls and step.tool_calls[0]["name"] not in tools:
        return _say(f"I cannot do that here: the {step.tool_calls[0]['name']} tool is not available.")
    return step


# A one-tool question: the tool, how its result is told, and its arguments.
_SimpleStep = tuple[str, Callable[[dict[str, Any]], str], Callable[[], dict[str, Any]]]


def _step(intent: Intent, messages: list[BaseMessage], done: list[ToolResult]) -> AIMessage:
    by_name = {r.name: r for r in done}
    kind, number = intent.kind, intent.container
    if kind in (kinds.HELP, kinds.GREETING):
        return _say(HELP_TEXT if kind == kinds.HELP else "Hello! " + HELP_TEXT)
    if kind in (kinds.STATUS, kinds.PREGATE, kinds.TIMELINE, kinds.SLOTS) and not number:
        return _say("Which container? Give its number, e.g. *MSCU5165756*.")
    simple: dict[str, _SimpleStep] = {
        kinds.LIST: ("list_containers", answers.containers_answer, lambda: _list_args(intent)),
        kinds.STATUS: ("get_container", answers.container_answer, lambda: {"container_number": number}),
        kinds.PREGATE: ("get_container_timeline", answers.pregate_answer, lambda: {"container_number": number}),
        kinds.TIMELINE: ("get_container_timeline", answers.timeline_answer, lambda: {"container_number": number}),
        kinds.MY_APPOINTMENTS: ("list_my_appointments", answers.appointments_answer,
                                lambda: {"container_number": number} if number else {}),
        kinds.EXPORT: ("export_containers_excel", answers.export_answer, dict),
        kinds.FULL_CHECK: ("run_container_check", answers.check_answer,
                           lambda: {"truck_plate": intent.entities.plate} if intent.entities.plate else {}),
        kinds.SESSION: ("session_status", answers.session_answer, dict),
    }
    if kind in simple:
        tool, render, make_args = simple[kind]
        if tool in by_name:
            return _say(render(by_name[tool].data))
        return _call(tool, **make_args())
    if kind == kinds.SLOTS:
        if "check_appointments" in by_name:
            return _say(answers.slots_answer(by_name["check_appointments"].data))
        if not intent.entities.plate:
            return _say(NEED_PLATE)
        return _call("check_appointments", **_slot_args(intent, number))
    if kind == kinds.BOOK:
        return _book_step(intent, messages, by_name)
    return _say(UNKNOWN_TEXT)


def _book_step(intent: Intent, messages: list[BaseMessage], by_name: dict[str, ToolResult]) -> AIMessage:
    if "book_appointment" in by_name:
        return _say(answers.booking_answer(by_name["book_appointment"].data))
    explicit = intent.entities.containers[0] if intent.entities.containers else ""
    check = _latest_check(messages, explicit) if explicit else _latest_check(messages)
    number = explicit or (check or {}).get("container", "")
    if not number:
        return _say("Which container should I book? Ask for its slots first, e.g. *slots for MSCU5165756, "
                    "truck 7KRT481*.")
    if check is None:
        if not intent.entities.plate:
            return _say(NEED_PLATE)
        return _call("check_appointments", **_slot_args(intent, number))
    if not check.get("slots"):
        return _say(answers.slots_answer(check))
    args: dict[str, Any] = {"container_number": number, "slot": intent.entities.slot_choice or "first"}
    if intent.entities.plate and intent.entities.plate != check.get("truck_plate"):
        args["truck_plate"] = intent.entities.plate
    if intent.entities.own_chassis is not None:
        args["own_chassis"] = intent.entities.own_chassis
    return _call("book_appointment", **args)
