"""Quick replies: the next messages a dispatcher likely sends after a turn, offered as buttons by the page.

They come from the turn's last tool result: offered slots become "book the 08:00 one", a list of containers
becomes "timeline of MSCU5165756"; a model asking a question may offer its likely answers itself. Each is an
ordinary message, so a booking chosen this way still waits for approval.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, ToolMessage

from EModal import AppointmentSlot

MAX_CONTAINER_REPLIES = 5
_PLACES = ("first", "second", "third")


def quick_replies(turn: Sequence[BaseMessage]) -> list[str]:
    """The replies the answer offers itself, else those its turn's last successful tool result suggests."""
    offered = _offered(turn[-1]) if turn else []
    if offered:
        return offered
    result = next((m for m in reversed(turn) if isinstance(m, ToolMessage)), None)
    if result is None or result.status == "error":
        return []
    try:
        data = json.loads(str(result.content))
    except ValueError:
        return []
    if not isinstance(data, dict):
        return []
    if result.name == "check_appointments":
        return slot_replies([str(s) for s in data.get("slots") or []])
    if result.name == "list_containers":
        return [f"timeline of {number}" for number in _containers(data.get("rows"))[:MAX_CONTAINER_REPLIES]]
    if result.name == "run_container_check":
        plate = str(_args_of(turn, result.tool_call_id).get("truck_plate") or "")
        numbers = _containers(data.get("rows"))[:MAX_CONTAINER_REPLIES]
        return [f"slots for {n}, truck {plate}" if plate else f"timeline of {n}" for n in numbers]
    return []


def slot_replies(slots: Sequence[str]) -> list[str]:
    """The first three and the last offered slot: "book the 08:00 one" when no other slot starts then, else by place.

    A place ("book the second one") is what every model resolves; the window in brackets is for the reader.
    """
    parsed = [AppointmentSlot.parse(text) for text in slots]
    starts = Counter(slot.start for slot in parsed if slot.start)
    places = list(enumerate(_PLACES[:len(parsed)]))
    if len(parsed) > len(_PLACES):
        places.append((len(parsed) - 1, "last"))
    replies: list[str] = []
    for index, place in places:
        slot = parsed[index]
        if slot.start and starts[slot.start] == 1:
            replies.append(f"book the {slot.start} one")
        else:
            when = slot.starts_at.strftime("%a %m/%d %H:%M") if slot.starts_at else slot.text
            replies.append(f"book the {place} one ({when})")
    return replies


def _offered(answer: BaseMessage) -> list[str]:
    """The likely answers a model attached to its question (`additional_kwargs["quick_replies"]`)."""
    if not isinstance(answer, AIMessage):
        return []
    offered = answer.additional_kwargs.get("quick_replies")
    return [str(text) for text in offered if str(text).strip()] if isinstance(offered, list) else []


def _containers(rows: Any) -> list[str]:
    """The container numbers of a result's rows, in their order."""
    numbers = [str(row.get("container_number") or "") for row in rows or [] if isinstance(row, dict)]
    return [n for n in numbers if n]


def _args_of(turn: Sequence[BaseMessage], call_id: str) -> dict[str, Any]:
    """The arguments the model gave the tool call with this id."""
    for message in turn:
        if isinstance(message, AIMessage):
            for call in message.tool_calls:
                if call["id"] == call_id:
                    return dict(call["args"])
    return {}
