"""Building what the HTTP layer shows from a thread's messages: a turn's answer, tool calls and files; history."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage
from pydantic import ValidationError

from Graph.messages import INTERRUPTED
from Graph.quick_replies import quick_replies
from Graph.views import AgentTurn, BookingConfirmation, HistoryMessage, ToolCallStatus, ToolCallView
from portal_service.files import StoredFile
from Tools import APPROVED_BUT_FAILED, BOOK_TOOL, REJECTED_KEY

log = logging.getLogger(__name__)
SUPERSEDED = "Not booked: the dispatcher sent a new message instead of approving."
STILL_WAITING = ("This booking is still waiting for your decision; nothing was booked or dropped. Reply **yes** to "
                 "book it or **no** to drop it (or use the buttons), then ask your question.")


def files_in(content: str) -> list[StoredFile]:
    """The files a successful tool result (JSON with a `files` list) links to."""
    try:
        data = json.loads(content)
    except ValueError:
        return []
    listed = data.get("files", []) if isinstance(data, dict) else []
    files: list[StoredFile] = []
    for item in listed if isinstance(listed, list) else []:
        try:
            files.append(StoredFile.model_validate(item))
        except ValidationError:
            log.warning("a tool result links to a file without id, filename, kind and url: %r", item)
    return files


def files_of(message: ToolMessage) -> list[StoredFile]:
    """The files a tool result links to."""
    return [] if message.status == "error" else files_in(str(message.content))


def _result_json(message: ToolMessage) -> dict[str, object]:
    try:
        data = json.loads(str(message.content))
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _status(result: ToolMessage | None, pending: bool) -> ToolCallStatus:
    if result is None:
        return "awaiting_confirmation" if pending else "pending"
    if result.status == "error":
        if str(result.content) == SUPERSEDED:
            return "rejected"
        return "interrupted" if str(result.content) == INTERRUPTED else "error"
    if result.name == BOOK_TOOL and _result_json(result).get(REJECTED_KEY):
        return "rejected"
    return "success"


def decision_message(result: ToolMessage) -> HistoryMessage | None:
    """The dispatcher's approval or rejection of a booking, as the user message it was (typed or a button)."""
    if result.name != BOOK_TOOL:
        return None
    if result.status == "error":
        approved = str(result.content).startswith(APPROVED_BUT_FAILED)
        return HistoryMessage(role="user", content="Approved.") if approved else None
    data = _result_json(result)
    if "booked" not in data:
        return None
    said = str(data.get("dispatcher_said") or "")
    return HistoryMessage(role="user", content=said or ("Rejected." if data.get(REJECTED_KEY) else "Approved."))


def describe_calls(messages: Sequence[BaseMessage],
                   pending: bool = False) -> tuple[list[ToolCallView], list[StoredFile]]:
    """Tool calls with their status, and every file the results link to."""
    results = {m.tool_call_id: m for m in messages if isinstance(m, ToolMessage)}
    calls: list[ToolCallView] = []
    files: list[StoredFile] = []
    for message in messages:
        if isinstance(message, AIMessage):
            for call in message.tool_calls:
                result = results.get(str(call["id"]))
                calls.append(ToolCallView(id=str(call["id"]), name=call["name"], args=dict(call["args"]),
                                          status=_status(result, pending)))
                if result is not None:
                    files.extend(files_of(result))
    return calls, files


def current_turn(messages: Sequence[BaseMessage]) -> list[BaseMessage]:
    """The messages from the last user message on."""
    last = max((i for i, m in enumerate(messages) if isinstance(m, HumanMessage)), default=0)
    return list(messages[last:])


def build_turn(thread_id: str, messages: Sequence[BaseMessage],
               confirmation: BookingConfirmation | None) -> AgentTurn:
    """The turn as the HTTP layer returns it."""
    turn = current_turn(messages)
    calls, files = describe_calls(turn, pending=confirmation is not None)
    last = turn[-1] if turn else None
    answer = ""
    if confirmation is not None:
        answer = confirmation.question()
    elif isinstance(last, AIMessage) and not last.tool_calls:
        answer = str(last.content)
    replies = quick_replies(turn) if answer and confirmation is None else []
    return AgentTurn(thread_id=thread_id, answer=answer, tool_calls=calls, files=files, confirmation=confirmation,
                     quick_replies=replies)


def still_waiting(turn: AgentTurn) -> AgentTurn:
    """The answer to a message that is not a decision while a booking waits: it keeps waiting, and says so."""
    question = turn.confirmation.question() if turn.confirmation is not None else ""
    return turn.model_copy(update={"answer": f"{STILL_WAITING}\n\n{question}".strip()})


def history(messages: Sequence[BaseMessage]) -> list[HistoryMessage]:
    """User and assistant messages, each assistant message with its tool calls and files.

    A booking's approval or rejection shows as the user's message after the call it decided; assistant messages
    with neither text nor tool calls are left out.
    """
    results = {m.tool_call_id: m for m in messages if isinstance(m, ToolMessage)}
    out: list[HistoryMessage] = []
    for message in messages:
        if isinstance(message, HumanMessage):
            out.append(HistoryMessage(role="user", content=str(message.content)))
        elif isinstance(message, AIMessage) and (message.tool_calls or str(message.content).strip()):
            answered = [r for c in message.tool_calls if (r := results.get(str(c["id"]))) is not None]
            calls, files = describe_calls([message, *answered])
            out.append(HistoryMessage(role="assistant", content=str(message.content), tool_calls=calls,
                                      files=files))
            out.extend(d for r in answered if (d := decision_message(r)) is not None)
    return out
