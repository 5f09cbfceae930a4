"""The API the HTTP layer calls: ask, resume, stream, history; one run at a time per thread."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Literal

from langchain_core.language_models import LanguageModelInput
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage
from langchain_core.runnables import Runnable, RunnableConfig
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.types import Command

from Graph.errors import GraphError, InvalidDecisionError, NoPendingConfirmationError, ThreadBusyError
from Graph.graph import AGENT_NODE, TOOLS_NODE, build_graph
from Graph.messages import repair_messages
from Graph.turns import AgentEvent, AgentTurn, build_turn, history
from Tools import AgentContext, RunCancelledError, ToolsError

log = logging.getLogger(__name__)
DECISIONS = ("approve", "reject")
SUPERSEDED = "Not booked: the dispatcher sent a new message instead of approving."
STOPPED = "Stopped on request."


class AgentRunner:
    """Runs conversation turns on the graph compiled once here; a second run on a busy thread is refused."""

    def __init__(self, *, model: Runnable[LanguageModelInput, BaseMessage],
                 checkpointer: BaseCheckpointSaver[Any]) -> None:
        self.checkpointer = checkpointer
        self.graph = build_graph(model, checkpointer)
        self._locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()

    @contextmanager
    def _hold(self, thread_id: str) -> Iterator[None]:
        with self._locks_guard:
            lock = self._locks.setdefault(thread_id, threading.Lock())
        if not lock.acquire(blocking=False):
            raise ThreadBusyError(thread_id)
        try:
            yield
        finally:
            lock.release()

    @staticmethod
    def _config(thread_id: str) -> RunnableConfig:
        return {"configurable": {"thread_id": thread_id}, "recursion_limit": 40}

    def _messages(self, thread_id: str) -> list[BaseMessage]:
        return list(self.graph.get_state(self._config(thread_id)).values.get("messages", []))

    def pending_confirmation(self, thread_id: str) -> dict[str, Any] | None:
        """The booking waiting for approval on this thread, if any."""
        snapshot = self.graph.get_state(self._config(thread_id))
        for interrupt in snapshot.interrupts:
            if isinstance(interrupt.value, dict):
                return dict(interrupt.value)
        return None

    def _prepare_new_message(self, thread_id: str, context: AgentContext) -> None:
        """Close what the last run left open: a booking not approved, or tool calls a crash cut short."""
        config = self._config(thread_id)
        pending = self.pending_confirmation(thread_id)
        messages = self._messages(thread_id)
        if pending is not None:
            detail = {k: v for k, v in pending.items() if k != "action"}
            context.audit.record("booking_rejected", user_id=context.user_id, thread_id=thread_id,
                                 reason="superseded by a new message", **detail)
        fixes = repair_messages(messages, SUPERSEDED) if pending is not None else repair_messages(messages)
        if fixes:
            log.info("thread %s: closing %d dangling tool call(s)", thread_id, len(fixes))
            self.graph.update_state(config, {"messages": fixes}, as_node=TOOLS_NODE)

    def _input(self, thread_id: str, message: str | None, decision: str | None,
               context: AgentContext) -> dict[str, Any] | Command[Any]:
        if message is not None:
            self._prepare_new_message(thread_id, context)
            return {"messages": [HumanMessage(content=message)]}
        if decision not in DECISIONS:
            raise InvalidDecisionError(str(decision))
        if self.pending_confirmation(thread_id) is None:
            raise NoPendingConfirmationError(thread_id)
        return Command(resume=decision)

    def _finish_cancelled(self, thread_id: str) -> AgentTurn:
        messages = self._messages(thread_id)
        fixes: list[BaseMessage] = list(repair_messages(messages, STOPPED))
        self.graph.update_state(self._config(thread_id), {"messages": [*fixes, AIMessage(content=STOPPED)]},
                                as_node=AGENT_NODE)
        return self._turn(thread_id)

    def _turn(self, thread_id: str) -> AgentTurn:
        return build_turn(thread_id, self._messages(thread_id), self.pending_confirmation(thread_id))

    def _run(self, thread_id: str, message: str | None, decision: str | None, context: AgentContext) -> AgentTurn:
        with self._hold(thread_id):
            payload = self._input(thread_id, message, decision, context)
            try:
                self.graph.invoke(payload, self._config(thread_id), context=context)
            except RunCancelledError:
                return self._finish_cancelled(thread_id)
            return self._turn(thread_id)

    def ask(self, *, thread_id: str, message: str, context: AgentContext) -> AgentTurn:
        """Send a user message; returns the answer, or a confirmation to approve."""
        return self._run(thread_id, message, None, context)

    def resume(self, *, thread_id: str, decision: Literal["approve", "reject"], context: AgentContext) -> AgentTurn:
        """Approve or reject the booking waiting on this thread."""
        return self._run(thread_id, None, decision, context)

    def stream(self, *, thread_id: str, message: str | None = None, decision: str | None = None,
               context: AgentContext) -> Iterator[AgentEvent]:
        """The same run as events: token, tool_start, tool_end, progress, confirmation, final (or error).

        Raises `ThreadBusyError` right away when another run holds the thread (so the caller can answer 409
        before streaming); a run that starts in between is refused at the first event instead.
        """
        with self._locks_guard:
            lock = self._locks.get(thread_id)
        if lock is not None and lock.locked():
            raise ThreadBusyError(thread_id)
        return self._stream(thread_id, message, decision, context)

    def _stream(self, thread_id: str, message: str | None, decision: str | None,
                context: AgentContext) -> Iterator[AgentEvent]:
        with self._hold(thread_id):
            try:
                payload = self._input(thread_id, message, decision, context)
                parts = self.graph.stream(payload, self._config(thread_id), context=context,
                                          stream_mode=["messages", "custom", "updates"])
                for mode, chunk in parts:
                    yield from _events(mode, chunk)
                yield AgentEvent("final", self._turn(thread_id).as_dict())
            except RunCancelledError:
                yield AgentEvent("final", self._finish_cancelled(thread_id).as_dict())
            except (GraphError, ToolsError) as exc:
                yield AgentEvent("error", {"code": exc.code, "message": str(exc)})
            except Exception as exc:  # the stream must end with an event the client understands
                log.exception("agent run failed on thread %s", thread_id)
                yield AgentEvent("error", {"code": "agent_failed", "message": f"The assistant failed: {exc}"})

    def history(self, thread_id: str) -> list[dict[str, Any]]:
        """The thread's messages for display (user, assistant with tool calls and files)."""
        return history(self._messages(thread_id))

    def delete_thread(self, thread_id: str) -> None:
        """Remove every checkpoint of the thread."""
        with self._hold(thread_id):
            self.checkpointer.delete_thread(thread_id)


def _events(mode: str, chunk: Any) -> Iterator[AgentEvent]:
    if mode == "messages":
        message, metadata = chunk
        if (metadata.get("langgraph_node") == AGENT_NODE and not isinstance(message, ToolMessage)
                and isinstance(message.content, str) and message.content):
            yield AgentEvent("token", {"text": message.content})
    elif mode == "custom" and isinstance(chunk, dict):
        for kind in ("tool_start", "tool_end", "progress"):
            if kind in chunk:
                yield AgentEvent(kind, dict(chunk[kind]))
    elif mode == "updates" and isinstance(chunk, dict) and "__interrupt__" in chunk:
        for interrupt in chunk["__interrupt__"]:
            if isinstance(interrupt.value, dict):
                yield AgentEvent("confirmation", dict(interrupt.value))
