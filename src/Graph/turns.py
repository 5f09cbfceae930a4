"""What the HTTP layer shows: a turn's answer, tool calls and files; a thread's history."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage

from Graph.messages import INTERRUPTED


@dataclass
class AgentTurn:
    """The outcome of one ask or resume."""

    thread_id: str
    answer: str
    tool_calls: list[dict[str, Any]] = field(default_factory=list)  # {id, name, args, status}
    files: list[dict[str, Any]] = field(default_factory=list)  # {id, url, filename, kind}
    confirmation: dict[str, Any] | None = None

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON values."""
        return asdict(self)


@dataclass(frozen=True)
class AgentEvent:
    """One streamed event: token, tool_start, tool_end, progress, confirmation, final or error."""

    kind: str
    data: dict[str, Any]


def files_of(message: ToolMessage) -> list[dict[str, Any]]:
    """The files a tool result links to."""
    if message.status == "error":
        return []
    try:
        data = json.loads(str(message.content))
    except ValueError:
        return []
    return list(data.get("files", [])) if isinstance(data, dict) else []


def _status(result: ToolMessage | None, pending: bool) -> str:
    if result is None:
        return "awaiting_confirmation" if pending else "pending"
    if result.status == "error":
        return "interrupted" if str(result.content) == INTERRUPTED else "error"
    return "success"


Rows = list[dict[str, Any]]


def describe_calls(messages: Sequence[BaseMessage], pending: bool = False) -> tuple[Rows, Rows]:
    """Tool calls with their status, and every file the results link to."""
    results = {m.tool_call_id: m for m in messages if isinstance(m, ToolMessage)}
    calls: list[dict[str, Any]] = []
    files: list[dict[str, Any]] = []
    for message in messages:
        if isinstance(message, AIMessage):
            for call in message.tool_calls:
                result = results.get(str(call["id"]))
                calls.append({"id": call["id"], "name": call["name"], "args": dict(call["args"]),
                              "status": _status(result, pending)})
                if result is not None:
                    files.extend(files_of(result))
    return calls, files


def current_turn(messages: Sequence[BaseMessage]) -> list[BaseMessage]:
    """The messages from the last user message on."""
    last = max((i for i, m in enumerate(messages) if isinstance(m, HumanMessage)), default=0)
    return list(messages[last:])


def confirmation_text(confirmation: dict[str, Any]) -> str:
    """The question shown while a booking waits for approval."""
    return (f"Please approve or reject this booking: **{confirmation.get('container')}** — "
            f"{confirmation.get('move_type')} at {confirmation.get('terminal_name')}, slot "
            f"**{confirmation.get('slot')}**, truck {confirmation.get('truck_plate')}, own chassis "
            f"{'YES' if confirmation.get('own_chassis') else 'NO'}.")


def build_turn(thread_id: str, messages: Sequence[BaseMessage], confirmation: dict[str, Any] | None) -> AgentTurn:
    """The turn as the HTTP layer returns it."""
    turn = current_turn(messages)
    calls, files = describe_calls(turn, pending=confirmation is not None)
    last = turn[-1] if turn else None
    answer = ""
    if confirmation is not None:
        answer = confirmation_text(confirmation)
    elif isinstance(last, AIMessage) and not last.tool_calls:
        answer = str(last.content)
    return AgentTurn(thread_id=thread_id, answer=answer, tool_calls=calls, files=files, confirmation=confirmation)


def history(messages: Sequence[BaseMessage]) -> list[dict[str, Any]]:
    """User and assistant messages, each assistant message with its tool calls and files."""
    results = {m.tool_call_id: m for m in messages if isinstance(m, ToolMessage)}
    out: list[dict[str, Any]] = []
    for message in messages:
        if isinstance(message, HumanMessage):
            out.append({"role": "user", "content": str(message.content), "tool_calls": [], "files": []})
        elif isinstance(message, AIMessage):
            calls, files = describe_calls([message, *(r for c in message.tool_calls
                                                      if (r := results.get(str(c["id"]))) is not None)])
            out.append({"role": "assistant", "content": str(message.content), "tool_calls": calls, "files": files})
    return out
