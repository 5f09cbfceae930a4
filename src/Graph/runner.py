"""The API the HTTP layer calls: ask, resume, stream, history (who may run on a thread is `Graph.runs`' job)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any, Literal

from langchain_core.language_models import LanguageModelInput
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage
from langchain_core.runnables import Runnable, RunnableConfig
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.types import Command
from pydantic import ValidationError

from Graph.context import AgentContext
from Graph.decisions import typed_decision
from Graph.errors import GraphError, InvalidDecisionError, NoPendingConfirmationError
from Graph.graph import AGENT_NODE, TOOLS_NODE, build_graph
from Graph.messages import repair_messages
from Graph.transcript import Transcript, whole_conversation
from Graph.turns import build_turn, history, still_waiting
from Graph.views import (
    AgentEvent,
    AgentTurn,
    BookingConfirmation,
    HistoryMessage,
    Progress,
    RunError,
    Token,
    ToolEnd,
    ToolStart,
)
from Tools import BOOK_TOOL, RunCancelledError, ToolsError

log = logging.getLogger(__name__)
DECISIONS = ("approve", "reject")
STOPPED = "Stopped on request."
RECURSION_LIMIT = 40  # graph steps per run: a tool round takes two, so at most 19 rounds of tool calls


class AgentRunner:
    """Runs conversation turns on the graph compiled once here; the thread is held by the caller (`AgentRuns`)."""

    def __init__(self, *, model: Runnable[LanguageModelInput, BaseMessage], checkpointer: BaseCheckpointSaver[Any],
                 recursion_limit: int = RECURSION_LIMIT, transcript: Transcript | None = None) -> None:
        self.checkpointer = checkpointer
        # With a transcript, the state keeps only the newest turns (flat checkpoints); history reads both.
        self.transcript = transcript
        self.graph = build_graph(model, checkpointer, transcript=transcript)
        self.recursion_limit = recursion_limit

    def _config(self, thread_id: str) -> RunnableConfig:
        return {"configurable": {"thread_id": thread_id}, "recursion_limit": self.recursion_limit}

    def _messages(self, thread_id: str) -> list[BaseMessage]:
        return list(self.graph.get_state(self._config(thread_id)).values.get("messages", []))

    def pending_confirmation(self, thread_id: str) -> BookingConfirmation | None:
        """The booking waiting for approval on this thread, if any."""
        snapshot = self.graph.get_state(self._config(thread_id))
        for interrupt in snapshot.interrupts:
            if (confirmation := _confirmation(interrupt.value)) is not None:
                return confirmation
        return None

    def _prepare_new_message(self, context: AgentContext) -> None:
        """Close tool calls a crash cut short (a waiting booking is never closed here: it waits for a decision)."""
        thread_id = context.thread_id
        fixes = repair_messages(self._messages(thread_id))
        if fixes:
            log.info("thread %s: closing %d dangling tool call(s)", thread_id, len(fixes))
            self.graph.update_state(self._config(thread_id), {"messages": fixes}, as_node=TOOLS_NODE)

    def _input(self, message: str | None, decision: str | None,
               context: AgentContext) -> dict[str, Any] | Command[Any] | AgentTurn:
        """The run's input; a turn already answered when a message leaves a waiting booking waiting."""
        if message is not None:
            pending = self.pending_confirmation(context.thread_id)
            if pending is not None:
                # While a booking waits, a reply is its decision; anything else must not drop it silently.
                typed = typed_decision(message)
                if typed is None:
                    return still_waiting(self._turn(context.thread_id))
                return Command(resume={"decision": typed, "said": message})
            self._prepare_new_message(context)
            return {"messages": [HumanMessage(content=message)]}
        if decision not in DECISIONS:
            raise InvalidDecisionError(str(decision))
        if self.pending_confirmation(context.thread_id) is None:
            raise NoPendingConfirmationError(context.thread_id)
        return Command(resume={"decision": decision, "said": ""})

    def _finish_cancelled(self, thread_id: str) -> AgentTurn:
        messages = self._messages(thread_id)
        fixes: list[BaseMessage] = list(repair_messages(messages, STOPPED))
        self.graph.update_state(self._config(thread_id), {"messages": [*fixes, AIMessage(content=STOPPED)]},
                                as_node=AGENT_NODE)
        return self._turn(thread_id)

    def _turn(self, thread_id: str) -> AgentTurn:
        return build_turn(thread_id, self._messages(thread_id), self.pending_confirmation(thread_id))

    def _invoke(self, payload: dict[str, Any] | Command[Any] | AgentTurn, context: AgentContext) -> AgentTurn:
        if isinstance(payload, AgentTurn):
            return payload
        try:
            self.graph.invoke(payload, self._config(context.thread_id), context=context)
        except RunCancelledError:
            return self._finish_cancelled(context.thread_id)
        return self._turn(context.thread_id)

    def ask(self, *, message: str, context: AgentContext) -> AgentTurn:
        """Send a user message on the context's thread; returns the answer, or a confirmation to approve."""
        return self._invoke(self._input(message, None, context), context)

    def resume(self, *, decision: Literal["approve", "reject"], context: AgentContext) -> AgentTurn:
        """Approve or reject the booking waiting on the context's thread."""
        return self._invoke(self._input(None, decision, context), context)

    def stream(self, *, message: str | None = None, decision: str | None = None,
               context: AgentContext) -> Iterator[AgentEvent]:
        """The same run as events: token, tool_start, tool_end, progress, confirmation, final (or error).

        The input is checked at once (`NoPendingConfirmationError`, `InvalidDecisionError` raise here); the run
        itself happens as the events are read.
        """
        return self._stream(self._input(message, decision, context), context)

    def _stream(self, payload: dict[str, Any] | Command[Any] | AgentTurn,
                context: AgentContext) -> Iterator[AgentEvent]:
        thread_id = context.thread_id
        if isinstance(payload, AgentTurn):
            if payload.confirmation is not None:
                yield payload.confirmation
            yield payload
            return
        try:
            parts = self.graph.stream(payload, self._config(thread_id), context=context,
                                      stream_mode=["messages", "custom", "updates"])
            for mode, chunk in parts:
                for event in _events(mode, chunk):
                    yield _as_rejected(event) if _rejects(payload) else event
            yield self._turn(thread_id)
        except RunCancelledError:
            yield self._finish_cancelled(thread_id)
        except (GraphError, ToolsError) as exc:
            yield RunError(code=exc.code, message=str(exc))
        except Exception as exc:  # the stream must end with an event the client understands
            log.exception("agent run failed on thread %s", thread_id)
            yield RunError(code="agent_failed", message=f"The assistant failed ({type(exc).__name__}); try again.")

    def history(self, thread_id: str) -> list[HistoryMessage]:
        """The thread's messages for display (user, assistant with tool calls and files)."""
        window = self._messages(thread_id)
        archived = self.transcript.messages(thread_id) if self.transcript is not None else []
        shown = history(whole_conversation(archived, window))
        last = build_turn(thread_id, window, self.pending_confirmation(thread_id))
        if shown and shown[-1].role == "assistant" and last.quick_replies:
            shown[-1] = shown[-1].model_copy(update={"quick_replies": last.quick_replies})
        return shown

    def delete_thread(self, thread_id: str) -> None:
        """Remove every checkpoint of the thread (the caller keeps runs off it while doing so)."""
        self.checkpointer.delete_thread(thread_id)
        if self.transcript is not None:
            self.transcript.delete(thread_id)


def _rejects(payload: dict[str, Any] | Command[Any]) -> bool:
    """Whether the run resumes a waiting booking with a rejection."""
    resume = payload.resume if isinstance(payload, Command) else None
    return isinstance(resume, dict) and resume.get("decision") == "reject"


def _as_rejected(event: AgentEvent) -> AgentEvent:
    """A rejected booking's tool_end says so (its tool returned normally, with nothing booked)."""
    if isinstance(event, ToolEnd) and event.name == BOOK_TOOL and event.status == "success":
        return event.model_copy(update={"status": "rejected"})
    return event


def _confirmation(value: object) -> BookingConfirmation | None:
    """The booking an interrupt waits on; None for a payload of another shape (logged: it cannot be approved)."""
    try:
        return BookingConfirmation.model_validate(value)
    except ValidationError:
        log.warning("an interrupt waits on something other than a booking: %r", value)
        return None


def _progress(value: object) -> Iterator[Progress]:
    try:
        yield Progress.model_validate(value)
    except ValidationError:  # progress only moves a bar: a malformed one must not end the run
        log.warning("dropped a malformed progress event: %r", value)


def _events(mode: str, chunk: Any) -> Iterator[AgentEvent]:
    if mode == "messages":
        message, metadata = chunk
        if (metadata.get("langgraph_node") == AGENT_NODE and not isinstance(message, ToolMessage)
                and isinstance(message.content, str) and message.content):
            yield Token(text=message.content)
    elif mode == "custom":
        if isinstance(chunk, ToolStart | ToolEnd):
            yield chunk
        elif isinstance(chunk, dict) and "progress" in chunk:
            yield from _progress(chunk["progress"])
    elif mode == "updates" and isinstance(chunk, dict) and "__interrupt__" in chunk:
        for interrupt in chunk["__interrupt__"]:
            if (confirmation := _confirmation(interrupt.value)) is not None:
                yield confirmation
