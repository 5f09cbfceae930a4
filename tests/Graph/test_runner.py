"""The runner without a browser: dangling tool calls, trimming, cancel, resume errors, thread deletion."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from langchain_core.messages import AIMessage, HumanMessage, ToolMessage
from langchain_core.runnables import RunnableLambda

from Graph import (
    AgentRunner,
    AgentTurn,
    BookingConfirmation,
    HistoryMessage,
    InvalidDecisionError,
    NoPendingConfirmationError,
    Token,
    ToolEnd,
    open_checkpointer,
)
from Graph.messages import INTERRUPTED, prepare_for_model
from Graph.turns import SUPERSEDED, history
from LLM import OfflineChatModel
from tests.Graph.support import ListAuditTrail, make_context
from Tools import TOOLS


@pytest.fixture
def runner(tmp_path: Path) -> Iterator[AgentRunner]:
    with open_checkpointer("sqlite:///unused", tmp_path) as checkpointer:
        yield AgentRunner(model=OfflineChatModel().bind_tools(TOOLS), checkpointer=checkpointer)


def call(name: str, call_id: str) -> AIMessage:
    return AIMessage(content="", tool_calls=[{"name": name, "args": {}, "id": call_id, "type": "tool_call"}])


def test_without_an_account_tools_ask_for_one(runner: AgentRunner, tmp_path: Path) -> None:
    turn = runner.ask(message="containers in yard", context=make_context(None, tmp_path, "t"))
    assert "Add your E-Modal account first: open Accounts" in turn.answer
    assert turn.tool_calls[0].name == "list_containers" and turn.tool_calls[0].status == "error"


def test_a_dangling_tool_call_is_repaired_on_the_next_turn(runner: AgentRunner, tmp_path: Path) -> None:
    context = make_context(None, tmp_path, "d")
    runner.ask(message="help", context=context)
    # As if the process died after the model asked for a tool and before the tool answered.
    runner.graph.update_state({"configurable": {"thread_id": "d"}}, {"messages": [call("session_status", "call_1")]},
                              as_node="agent")
    turn = runner.ask(message="what can you do?", context=context)
    assert turn.answer.startswith("I work in your E-Modal account")
    messages = runner.graph.get_state({"configurable": {"thread_id": "d"}}).values["messages"]
    kinds = [type(m).__name__ for m in messages]
    assert kinds == ["HumanMessage", "AIMessage", "AIMessage", "ToolMessage", "HumanMessage", "AIMessage"]
    assert messages[3].tool_call_id == "call_1" and messages[3].content == INTERRUPTED
    assert runner.history("d")[2].tool_calls[0].status == "interrupted"


def test_a_cancelled_run_stops_and_leaves_a_valid_thread(runner: AgentRunner, tmp_path: Path) -> None:
    context = make_context(None, tmp_path, "c")
    context.cancel.set()
    turn = runner.ask(message="export my containers", context=context)
    assert turn.answer == "Stopped on request."
    context.cancel.clear()
    assert runner.ask(message="help", context=context).answer.startswith("I work")


def test_resume_needs_a_pending_booking_and_a_known_decision(runner: AgentRunner, tmp_path: Path) -> None:
    context = make_context(None, tmp_path, "r")
    with pytest.raises(NoPendingConfirmationError):
        runner.resume(decision="approve", context=context)
    with pytest.raises(InvalidDecisionError):
        runner.resume(decision="maybe", context=context)  # type: ignore[arg-type]


def test_stream_events_and_thread_deletion(runner: AgentRunner, tmp_path: Path) -> None:
    context = make_context(None, tmp_path, "s")
    events = list(runner.stream(message="help", context=context))
    assert {e.kind for e in events} == {"token", "final"}
    final = events[-1]
    assert isinstance(final, AgentTurn)
    assert "".join(e.text for e in events if isinstance(e, Token)) == final.answer
    assert runner.history("s")[0] == HistoryMessage(role="user", content="help")
    runner.delete_thread("s")
    assert runner.history("s") == []


def test_trimming_keeps_tool_calls_with_their_results() -> None:
    messages = []
    for index in range(40):
        messages += [HumanMessage(f"question {index} " + "word " * 200), call("list_containers", f"c{index}"),
                     ToolMessage("x " * 300, tool_call_id=f"c{index}", name="list_containers"),
                     AIMessage(f"answer {index}")]
    trimmed = prepare_for_model(messages, max_tokens=3_000)
    assert isinstance(trimmed[0], HumanMessage) and trimmed[-1].content == "answer 39"
    assert len(trimmed) < len(messages)
    for index, message in enumerate(trimmed):
        if isinstance(message, AIMessage) and message.tool_calls:
            follower = trimmed[index + 1]
            assert isinstance(follower, ToolMessage) and follower.tool_call_id == message.tool_calls[0]["id"]
        if isinstance(message, ToolMessage):
            assert isinstance(trimmed[index - 1], AIMessage)


def test_the_model_never_sees_a_dangling_call_or_an_orphan_result() -> None:
    messages = [HumanMessage("a"), call("session_status", "lost"), ToolMessage("orphan", tool_call_id="nobody"),
                HumanMessage("b")]
    prepared = prepare_for_model(messages)
    assert [type(m).__name__ for m in prepared] == ["HumanMessage", "AIMessage", "ToolMessage", "HumanMessage"]
    assert prepared[2].content == INTERRUPTED


def test_the_current_turn_is_kept_even_when_it_alone_is_too_long() -> None:
    messages = [HumanMessage("old"), AIMessage("old answer"), HumanMessage("new " * 5000)]
    assert prepare_for_model(messages, max_tokens=100) == [messages[-1]]


CHECK: dict[str, Any] = {
    "container_number": "MSCU5165756", "trade_type": "IMPORT", "terminal": "ITS", "terminal_name": "ITS Long Beach",
    "move_type": "PICK FULL", "trucking_company": "K & R TRANSPORTATION LLC", "truck_plate": "7KRT481",
    "own_chassis": False, "derived": ["move_type", "terminal"], "filters": {}, "offered_count": 2,
    "slot_count": 2, "slots": ["Thursday 10/02/2025 07:00 - 12:00", "Thursday 10/02/2025 12:00 - 17:00"]}


BEFORE_THE_SLOTS = datetime(2025, 10, 2, 6, 0)  # the terminal's local time while both checked windows are open


def checked_thread(runner: AgentRunner, thread_id: str) -> None:
    """A thread where slots were already checked (as the sandbox conversation tests do through the portal)."""
    import json

    runner.graph.update_state({"configurable": {"thread_id": thread_id}}, {"messages": [
        HumanMessage("slots for MSCU5165756 truck 7KRT481"), call("check_appointments", "chk"),
        ToolMessage(json.dumps(CHECK), tool_call_id="chk", name="check_appointments"), AIMessage("2 slots")]},
        as_node="agent")


def test_a_rejected_booking_pauses_then_books_nothing(runner: AgentRunner, tmp_path: Path) -> None:
    audit = ListAuditTrail()
    context = make_context(None, tmp_path, "b", audit=audit)
    context.now = BEFORE_THE_SLOTS
    checked_thread(runner, "b")
    turn = runner.ask(message="book the 12:00 one with own chassis", context=context)
    assert turn.confirmation == BookingConfirmation(
        container="MSCU5165756", terminal="ITS", terminal_name="ITS Long Beach", move_type="PICK FULL",
        slot=CHECK["slots"][1], truck_plate="7KRT481", own_chassis=True, trucking_company="K & R TRANSPORTATION LLC")
    assert turn.answer.startswith("Please approve or reject this booking: **MSCU5165756**")
    assert runner.pending_confirmation("b") == turn.confirmation
    done = runner.resume(decision="reject", context=context)
    assert done.answer.startswith("Not booked") and done.confirmation is None
    assert audit.entries[0][0] == "booking_rejected" and audit.entries[0][1]["container"] == "MSCU5165756"
    assert [c.status for c in done.tool_calls if c.name == "book_appointment"] == ["rejected"]
    booked = [c for m in runner.history("b") for c in m.tool_calls if c.name == "book_appointment"]
    assert booked[0].status == "rejected"


def test_a_message_that_is_no_decision_keeps_the_booking_waiting(runner: AgentRunner, tmp_path: Path) -> None:
    audit = ListAuditTrail()
    context = make_context(None, tmp_path, "n", audit=audit)
    context.now = BEFORE_THE_SLOTS
    checked_thread(runner, "n")
    events = list(runner.stream(message="book the first one", context=context))
    assert [e.kind for e in events][-2:] == ["confirmation", "final"]
    final = events[-1]
    assert isinstance(final, AgentTurn) and final.tool_calls[-1].status == "awaiting_confirmation"
    waiting = runner.ask(message="which containers are in the yard?", context=context)
    assert waiting.answer.startswith("This booking is still waiting for your decision")
    assert waiting.confirmation == final.confirmation and runner.pending_confirmation("n") == final.confirmation
    streamed = list(runner.stream(message="hmm, what about the afternoon?", context=context))
    assert [e.kind for e in streamed] == ["confirmation", "final"]
    assert audit.actions() == []  # nothing decided yet
    done = runner.resume(decision="reject", context=context)  # a later button press still decides it
    assert done.answer.startswith("Not booked") and audit.actions() == ["booking_rejected"]


@pytest.mark.parametrize("reply", ["no", "No, don't book it", "cancel", "reject", "nope"])
def test_a_typed_no_rejects_the_waiting_booking(runner: AgentRunner, tmp_path: Path, reply: str) -> None:
    audit = ListAuditTrail()
    context = make_context(None, tmp_path, "no", audit=audit)
    context.now = BEFORE_THE_SLOTS
    checked_thread(runner, "no")
    runner.ask(message="book the first one", context=context)
    events = list(runner.stream(message=reply, context=context))
    ends = [e for e in events if isinstance(e, ToolEnd)]
    assert [(e.name, e.status) for e in ends] == [("book_appointment", "rejected")]
    final = events[-1]
    assert isinstance(final, AgentTurn) and final.answer.startswith("Not booked") and final.confirmation is None
    assert runner.pending_confirmation("no") is None and audit.actions() == ["booking_rejected"]
    shown = runner.history("no")
    assert all(m.content.strip() or m.tool_calls for m in shown)  # no empty assistant message
    decided = next(i for i, m in enumerate(shown) if any(c.name == "book_appointment" for c in m.tool_calls))
    assert shown[decided].tool_calls[0].status == "rejected"
    assert shown[decided + 1] == HistoryMessage(role="user", content=reply)
    assert shown[decided + 2].role == "assistant" and shown[decided + 2].content.startswith("Not booked")


@pytest.mark.parametrize("reply", ["yes", "Yes, go ahead", "ok", "book it"])
def test_a_typed_yes_approves_the_waiting_booking(runner: AgentRunner, tmp_path: Path, reply: str) -> None:
    audit = ListAuditTrail()
    context = make_context(None, tmp_path, "yes", audit=audit)
    context.now = BEFORE_THE_SLOTS
    checked_thread(runner, "yes")
    runner.ask(message="book the first one", context=context)
    turn = runner.ask(message=reply, context=context)
    # Approved: the booking goes ahead (and here, without an account, fails at the portal, not at the question).
    assert audit.actions() == ["booking_approved"] and runner.pending_confirmation("yes") is None
    assert "Add your E-Modal account first" in turn.answer
    shown = runner.history("yes")
    assert HistoryMessage(role="user", content="Approved.") in shown


def test_a_window_that_has_ended_is_never_put_up_for_approval(runner: AgentRunner, tmp_path: Path) -> None:
    context = make_context(None, tmp_path, "late")
    context.now = datetime(2025, 10, 2, 12, 30)  # the terminal's local time: the 07:00 - 12:00 window is over
    checked_thread(runner, "late")
    turn = runner.ask(message="book the first one", context=context)
    assert turn.confirmation is None and runner.pending_confirmation("late") is None
    assert "already ended" in turn.answer
    assert runner.ask(message="book the 12:00 one", context=context).confirmation is not None


def test_a_superseded_booking_of_an_older_thread_shows_as_rejected() -> None:
    messages = [HumanMessage("book it"), call("book_appointment", "bk"),
                ToolMessage(SUPERSEDED, tool_call_id="bk", name="book_appointment", status="error")]
    assert history(messages)[1].tool_calls[0].status == "rejected"


def test_a_run_that_reaches_the_step_limit_answers_so(tmp_path: Path) -> None:
    calls = itertools.count()

    def always_a_tool(_: object) -> AIMessage:
        return call("session_status", f"loop-{next(calls)}")

    with open_checkpointer("sqlite:///unused", tmp_path) as checkpointer:
        runner = AgentRunner(model=RunnableLambda(always_a_tool), checkpointer=checkpointer, recursion_limit=10)
        context = make_context(None, tmp_path, "loop")
        turn = runner.ask(message="check everything", context=context)
        assert turn.answer.startswith("I stopped after 4 steps without finishing")
        assert "session_status" in turn.answer and len(turn.tool_calls) == 4
        assert runner.history("loop")[-1].content == turn.answer  # saved in the thread
        events = list(runner.stream(message="go on", context=context))
        final = events[-1]
        assert isinstance(final, AgentTurn) and final.answer.startswith("I stopped after 4 steps")
        assert "".join(e.text for e in events if isinstance(e, Token)) == final.answer


def test_the_last_answer_keeps_its_quick_replies_in_the_history(runner: AgentRunner, tmp_path: Path) -> None:
    context = make_context(None, tmp_path, "q")
    turn = runner.ask(message="containers at the terminal", context=context)
    assert turn.quick_replies  # the question offers the terminals as buttons
    shown = runner.history("q")
    assert shown[-1].role == "assistant" and shown[-1].quick_replies == turn.quick_replies  # a reload shows them
    runner.ask(message="help", context=context)
    assert all(not m.quick_replies for m in runner.history("q")[:-1])  # only the last answer offers any
