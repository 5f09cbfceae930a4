"""The offline model's next step: a tool call for the request, or the answer once its results are in."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage

from LLM import answers
from LLM import intents as kinds
from LLM.intents import Intent
from LLM.memory import DialogueMemory, displayed_slots, memory_of

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


def _say(text: str, replies: list[str] | None = None) -> AIMessage:
    """An answer; `replies` are the likely next messages, offered as buttons (read by Graph.quick_replies)."""
    if not replies:
        return AIMessage(content=text)
    return AIMessage(content=text, additional_kwargs={"quick_replies": replies})


def slot_replies(slots: list[str]) -> list[str]:
    """Buttons for the slots as shown (a window narrowed by the dispatcher's words included), by place."""
    places = ["first", "second", "third"][:len(slots)]
    picks = [(i, p) for i, p in enumerate(places)] + ([(len(slots) - 1, "last")] if len(slots) > 3 else [])
    return [f"book the {place} one ({slots[i].split(' ', 1)[-1]})" for i, place in picks]


def _invalid_numbers(intent: Intent) -> str:
    bad = "; ".join(f"**{raw}** ({why})" for raw, why in intent.entities.invalid_containers)
    return (f"{bad} — that is not a valid container number (ISO 6346: 3 owner letters, U/J/Z, 6 digits and a check "
            "digit). Please check the number and ask again.")


def _list_args(intent: Intent, today: date) -> dict[str, Any]:
    e = intent.entities
    args: dict[str, Any] = {k: v for k, v in {"status": e.status, "trade_type": e.trade_type, "holds": e.holds,
                                              "terminal": e.terminal, "line": e.line}.items() if v}
    if e.past_lfd:
        args["lfd_to"] = (today - timedelta(days=1)).isoformat()
    elif e.lfd:  # a day said without "LFD" ("containers in yard today") is no Last Free Day filter
        if e.day_from:
            args["lfd_from"] = e.day_from.isoformat()
        if e.day_to:
            args["lfd_to"] = e.day_to.isoformat()
    if e.without_pregate_ticket:
        args["without_pregate_ticket"] = True
    return args


def _appointment_args(intent: Intent) -> dict[str, Any]:
    e = intent.entities
    return {k: v for k, v in (("container_number", e.containers[0] if e.containers else ""),
                              ("status", e.appointment_status)) if v}


def _slot_args(intent: Intent, number: str) -> dict[str, Any]:
    e = intent.entities
    args: dict[str, Any] = {"container_number": number, "truck_plate": intent.plate}
    window = e.window
    # The tool narrows the slots at the source; the same arguments narrow what "the second one" means afterwards
    # (see LLM.memory.displayed_slots).
    for key, value in (("terminal", e.terminal), ("move_type", e.move_type),
                       ("starting_before", window.starting_before), ("starting_after", window.starting_after),
                       ("day", window.day.isoformat() if window.day else "")):
        if value:
            args[key] = value
    if window.has_days and window.day is None:
        args.update({k: v.isoformat() for k, v in (("day_from", window.day_from), ("day_to", window.day_to)) if v})
    if e.own_chassis is not None:
        args["own_chassis"] = e.own_chassis
    return args


def _latest_check(messages: list[BaseMessage], number: str = "") -> ToolResult | None:
    for result in reversed(tool_results(messages)):
        if (result.name == "check_appointments" and result.ok
                and (not number or result.data.get("container_number") == number)):
            return result
    return None


TERMINAL_QUESTION = ("Which terminal do you mean? ITS (ITS Long Beach), TTI (Total Terminals), TRP1 (TraPac), "
                     "ETSLAX (Everport), PCT (Pacific Container Terminal), LBCT (Long Beach Container Terminal) "
                     "or SSA.")
READY_ARGS: dict[str, Any] = {"status": "IN YARD", "trade_type": "IMPORT", "holds": "NO",
                              "without_pregate_ticket": True}


def _ask_plate(memory: DialogueMemory, by_name: dict[str, ToolResult], tools: set[str]) -> AIMessage:
    """Ask for the truck; first read My Appointments for the plates the account used, to offer them."""
    if len(memory.get("plates", [])) < 2 and "list_my_appointments" not in by_name and "list_my_appointments" in tools:
        return _call("list_my_appointments")
    return _say(need_plate(memory), [f"truck {p}" for p in memory.get("plates", [])[:4]])


def _ask_container(memory: DialogueMemory, by_name: dict[str, ToolResult], tools: set[str], what: str) -> AIMessage:
    """Ask which container to book for; first list the ones ready to pick up, to offer them."""
    if not memory.get("containers") and "list_containers" not in by_name and "list_containers" in tools:
        return _call("list_containers", **READY_ARGS)
    listed = [c for c in memory.get("containers", []) if c][:5]
    label = " Ready to pick up (no pregate ticket yet): " if "list_containers" in by_name else " Just listed: "
    offer = (label + ", ".join(f"*{c}*" for c in listed) + ".") if listed else ""
    return _say(f"Which container should I {what}?{offer} Reply with its number or its place in that list.",
                listed)


def need_plate(memory: DialogueMemory) -> str:
    """The one question when a truck is missing, offering the plates this thread used."""
    plates = memory.get("plates", [])
    offer = (" Used before: " + ", ".join(f"*{p}*" for p in plates) + ".") if plates else ""
    example = plates[0] if plates else "7KRT481"
    return (f"The appointment wizard needs a truck: which plate should I use?{offer} Reply e.g. *truck {example}* "
            "(add *own chassis* if the truck brings its own).")


def need_container(memory: DialogueMemory, problem: str = "") -> str:
    """The one question when the container is missing, offering the ones just shown."""
    listed = [c for c in memory.get("containers", []) if c][:3]
    focus = memory.get("container", "")
    options = list(dict.fromkeys([*([focus] if focus else []), *listed]))[:3]
    why = f" ({problem})" if problem else ""
    offer = (" e.g. " + " or ".join(f"*{c}*" for c in options)) if options else " e.g. *MSCU5165756*"
    return f"Which container{why}? Give its number or its place in the list,{offer}."


def next_step(messages: list[BaseMessage], today: date, tools: set[str]) -> AIMessage:
    """What to do after the last message: call a tool or answer."""
    earlier, current, done = split_turn(messages)
    memory = memory_of(messages)
    intent = kinds.parse(current, today, earlier, memory)
    failed = next((r for r in done if not r.ok), None)
    if failed is not None:
        return _say(answers.error_answer(failed.name, failed.text))
    if intent.entities.invalid_containers and not intent.entities.containers:
        return _say(_invalid_numbers(intent))
    step = _step(intent, messages, done, memory, today, tools)
    if step.tool_calls and step.tool_calls[0]["name"] not in tools:
        return _say(f"I cannot do that here: the {step.tool_calls[0]['name']} tool is not available.")
    if not step.tool_calls and intent.entities.completed:
        said = "; ".join(f"**{raw}** has no check digit, so I used **{full}**"
                         for raw, full in intent.entities.completed)
        return _say(f"({said}.)\n\n{step.content}")
    return step


# A one-tool question: the tool, how its result is told, and its arguments.
_SimpleStep = tuple[str, Callable[[ToolResult], str], Callable[[], dict[str, Any]]]


def _simple_steps(intent: Intent, today: date) -> dict[str, _SimpleStep]:
    number = intent.container
    container_render = (lambda r: answers.lfd_answer(r.data, today)) if intent.field == "lfd" else \
        (lambda r: answers.container_answer(r.data))
    return {
        kinds.LIST: ("list_containers", lambda r: answers.containers_answer(r.data, today),
                     lambda: _list_args(intent, today)),
        kinds.STATUS: ("get_container", container_render, lambda: {"container_number": number}),
        kinds.PREGATE: ("get_container_timeline", lambda r: answers.pregate_answer(r.data),
                        lambda: {"container_number": number}),
        kinds.TIMELINE: ("get_container_timeline", lambda r: answers.timeline_answer(r.data),
                         lambda: {"container_number": number}),
        kinds.MY_APPOINTMENTS: ("list_my_appointments", lambda r: answers.appointments_answer(r.data),
                                lambda: _appointment_args(intent)),
        kinds.EXPORT: ("export_containers_excel", lambda r: answers.export_answer(r.data), dict),
        kinds.FULL_CHECK: ("run_container_check", lambda r: answers.check_answer(r.data),
                           lambda: {"truck_plate": intent.plate} if intent.plate else {}),
        kinds.SESSION: ("session_status", lambda r: answers.session_answer(r.data), dict),
    }


def _step(intent: Intent, messages: list[BaseMessage], done: list[ToolResult], memory: DialogueMemory,
          today: date, tools: set[str]) -> AIMessage:
    by_name = {r.name: r for r in done}
    kind, number = intent.kind, intent.container
    if "book_appointment" in by_name:
        # A booking the dispatcher decided on, in whatever words ("send it"): its outcome is the answer.
        return _say(answers.booking_answer(by_name["book_appointment"].data))
    if kind in (kinds.HELP, kinds.GREETING):
        return _say(HELP_TEXT if kind == kinds.HELP else "Hello! " + HELP_TEXT)
    if kind == kinds.LIST and intent.entities.terminal_unnamed and "list_containers" not in by_name:
        return _say(TERMINAL_QUESTION, ["ITS", "TTI", "TraPac", "Everport", "PCT", "LBCT", "SSA"])
    simple = _simple_steps(intent, today)
    needs_plate = kind == kinds.FULL_CHECK and not intent.plate
    if kind in simple and simple[kind][0] in by_name and not needs_plate:
        return _say(simple[kind][1](by_name[simple[kind][0]]))
    if kind in (kinds.SLOTS, kinds.BOOK) and not number and not intent.problem:
        return _ask_container(memory, by_name, tools, "book for" if kind == kinds.BOOK else "find slots for")
    if kind in (kinds.STATUS, kinds.PREGATE, kinds.TIMELINE, kinds.SLOTS) and not number:
        options = list(dict.fromkeys([c for c in [memory.get("container", ""), *memory.get("containers", [])] if c]))
        return _say(need_container(memory, intent.problem), options[:3])
    if needs_plate:
        return _ask_plate(memory, by_name, tools)
    if kind in simple:
        tool, _, make_args = simple[kind]
        return _call(tool, **make_args())
    if kind == kinds.SLOTS:
        if "check_appointments" in by_name:
            result = by_name["check_appointments"]
            return _say(answers.slots_answer(result.data, result.args, today),
                        slot_replies(displayed_slots(result.data, result.args)))
        if not intent.plate:
            return _ask_plate(memory, by_name, tools)
        return _call("check_appointments", **_slot_args(intent, number))
    if kind == kinds.BOOK:
        return _book_step(intent, messages, by_name, memory, today, tools)
    return _say(UNKNOWN_TEXT)


def _book_step(intent: Intent, messages: list[BaseMessage], by_name: dict[str, ToolResult], memory: DialogueMemory,
               today: date, tools: set[str]) -> AIMessage:
    if "book_appointment" in by_name:
        return _say(answers.booking_answer(by_name["book_appointment"].data))
    number = intent.container
    if not number:
        return _say("Which container should I book? Ask for its slots first, e.g. *slots for MSCU5165756 tomorrow, "
                    "truck 7KRT481*.")
    if intent.problem:
        return _say(f"Which one? {intent.problem[0].upper()}{intent.problem[1:]}: say e.g. *book the first one*.")
    check = _latest_check(messages, number)
    offered = memory.get("slots", []) if memory.get("slots_container") == number else []
    if check is None and not offered:
        if not intent.plate:
            return _ask_plate(memory, by_name, tools)
        return _call("check_appointments", **_slot_args(intent, number))
    if check is not None and not check.data.get("slots"):
        return _say(answers.slots_answer(check.data, check.args, today))
    args: dict[str, Any] = {"container_number": number, "slot": intent.slot or "first"}
    checked_plate = (check.data.get("truck_plate") if check else "") or memory.get("plate", "")
    if intent.entities.plate and intent.entities.plate != checked_plate:
        args["truck_plate"] = intent.entities.plate
    if intent.entities.own_chassis is not None:
        args["own_chassis"] = intent.entities.own_chassis
    return _call("book_appointment", **args)
