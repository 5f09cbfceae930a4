"""Dialogue memory: what a thread last showed (lists in their order, the container in focus, the truck, the terminal).

The graph keeps it in its state and hands it to the model as one short system note, so "the second one",
"it", "book it" and "same truck" resolve for any chat model; the offline model reads the note back.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any, TypedDict, cast

from langchain_core.messages import AIMessage, BaseMessage, SystemMessage, ToolMessage

from domain import TimeWindow, parse_clock, parse_day

NOTE_PREFIX = "Thread memory (what this conversation showed, lists in the order shown; resolve \"it\", " \
              "\"that one\", \"the second one\", \"same truck\" against it): "
SHOWN_ROWS = 15  # rows of a list an answer shows (the rest is in a file): "the last one" is among them


class AppointmentMemo(TypedDict, total=False):
    """One appointment as shown: its number, container, day and window."""

    number: str
    container: str
    day: str
    window: str
    status: str


class DialogueMemory(TypedDict, total=False):
    """What the thread last showed; a missing key was never shown."""

    containers: list[str]  # the last list of containers, in the order shown
    container: str  # the container in focus (the one asked about last)
    slots: list[str]  # the slots last offered, in the order shown
    slots_container: str
    appointments: list[AppointmentMemo]
    plate: str  # the last truck plate used
    plates: list[str]  # plates the account used in this thread, most recent first (offered when one is needed)
    terminal: str  # the last terminal code used
    move_type: str
    shown: str  # what was shown last: "containers", "container", "slots", "appointments", "booking"
    last_tool: str  # the tool that answered last (what "and the next one?" repeats)


def _focus(memory: DialogueMemory, number: str) -> None:
    if number:
        memory["container"] = number


def _plates(memory: DialogueMemory, *plates: object) -> None:
    known = [str(p).strip().upper() for p in plates if p and str(p).strip()]
    if known:
        memory["plate"] = known[0]
    memory["plates"] = list(dict.fromkeys([*known, *memory.get("plates", [])]))[:5]


def remember(memory: DialogueMemory, tool: str, args: Mapping[str, Any], result: Mapping[str, Any]) -> DialogueMemory:
    """The memory after a successful tool result."""
    new: DialogueMemory = DialogueMemory(**memory)
    # A booking result names its container as the booking plan does (`container`); the others by record.
    number = str(result.get("container_number") or result.get("container") or args.get("container_number") or "")
    if tool in ("list_containers", "run_container_check"):
        new["containers"] = [str(r.get("container_number", "")) for r in result.get("rows", [])][:SHOWN_ROWS]
        new["shown"] = "containers"
        if tool == "run_container_check":
            _plates(new, args.get("truck_plate"))
    elif tool in ("get_container", "get_container_timeline"):
        _focus(new, number)
        new["shown"] = "container"
    elif tool == "check_appointments":
        _focus(new, number)
        new["slots"] = displayed_slots(result, args)[:SHOWN_ROWS]
        new["slots_container"] = number
        _plates(new, result.get("truck_plate"))
        for key, value in (("terminal", result.get("terminal")), ("move_type", result.get("move_type"))):
            if value:
                new[key] = str(value)  # type: ignore[literal-required]
        new["shown"] = "slots"
    elif tool == "book_appointment":
        _focus(new, number)
        _plates(new, result.get("truck_plate"))
        new["shown"] = "booking"
    elif tool == "list_my_appointments":
        rows = result.get("rows", [])
        new["appointments"] = [_appointment(r) for r in rows][:SHOWN_ROWS]
        used = [str(r.get("Truck Plate", "")) for r in rows if r.get("Truck Plate")]
        new["plates"] = list(dict.fromkeys([*new.get("plates", []), *used]))[:5]
        new["shown"] = "appointments"
    else:
        return new
    new["last_tool"] = tool
    return new


def _appointment(row: Mapping[str, Any]) -> AppointmentMemo:
    return AppointmentMemo(number=str(row.get("appointment_number", "")),
                           container=str(row.get("Container/Booking #", "")),
                           day=str(row.get("Appointment Date", "")), window=str(row.get("Time Window", "")),
                           status=str(row.get("Status", "")))


def displayed_slots(result: Mapping[str, Any], args: Mapping[str, Any]) -> list[str]:
    """The offered slots in the order shown, narrowed by the window in the call's arguments."""
    slots = [str(s) for s in result.get("slots", [])]
    window = TimeWindow(day_from=parse_day_or_none(str(args.get("day") or args.get("day_from") or "")),
                        day_to=parse_day_or_none(str(args.get("day") or args.get("day_to") or "")),
                        starting_after=parse_clock(str(args.get("starting_after") or "")),
                        starting_before=parse_clock(str(args.get("starting_before") or "")))
    return [s for s in slots if window.holds(*slot_day_and_start(s))]


def parse_day_or_none(text: str) -> date | None:
    """A day from YYYY-MM-DD or MM/DD/YYYY, else None."""
    try:
        return parse_day(text)
    except ValueError:
        return None


def slot_day_and_start(slot: str) -> tuple[date | None, str]:
    """(day, "HH:MM") of a slot text such as "Thursday 10/02/2025 07:00 - 12:00"."""
    parts = slot.split()
    day = next((parse_day_or_none(p) for p in parts if p.count("/") == 2), None)
    start = next((parse_clock(p) for p in parts if ":" in p), "")
    return day, start


def note(memory: DialogueMemory) -> str:
    """The memory as the short system note every model is shown ("" when nothing was shown yet)."""
    if not memory:
        return ""
    return NOTE_PREFIX + json.dumps(memory, separators=(",", ":"), ensure_ascii=False)


def read_note(messages: Iterable[BaseMessage]) -> DialogueMemory | None:
    """The memory a system message's note line carries, or None when no message carries one."""
    for message in messages:
        if not isinstance(message, SystemMessage):
            continue
        start = str(message.content).find(NOTE_PREFIX)
        if start < 0:
            continue
        line = str(message.content)[start + len(NOTE_PREFIX):].split("\n", 1)[0]
        try:
            data = json.loads(line)
        except ValueError:
            return None
        # A note carries a memory this module wrote (keys as in DialogueMemory); JSON gives it back as a plain dict.
        return cast(DialogueMemory, dict(data)) if isinstance(data, dict) else None
    return None


def remember_messages(memory: DialogueMemory, messages: Sequence[BaseMessage]) -> DialogueMemory:
    """The memory after every successful tool result in `messages`, in order."""
    calls = {c["id"]: c for m in messages if isinstance(m, AIMessage) for c in m.tool_calls}
    for message in messages:
        if not isinstance(message, ToolMessage) or message.status == "error":
            continue
        call: Mapping[str, Any] = calls.get(message.tool_call_id) or {}
        try:
            data = json.loads(str(message.content))
        except ValueError:
            continue
        if isinstance(data, dict):
            memory = remember(memory, str(message.name or call.get("name", "")), dict(call.get("args", {})), data)
    return memory


def memory_of(messages: Sequence[BaseMessage]) -> DialogueMemory:
    """The memory the graph handed over in a note, else the one the thread's tool results make up."""
    given = read_note(messages)
    return given if given is not None else remember_messages(DialogueMemory(), messages)
