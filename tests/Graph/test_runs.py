"""The in-process run owner: one run per thread, cancel, the event stream, and a thread freed in every case."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from langchain_core.messages import AIMessage
from langchain_core.runnables import RunnableLambda

from Graph import (
    AgentEvent,
    AgentRunner,
    AgentTurn,
    InProcessAgentRuns,
    RunError,
    ThreadBusyError,
    Token,
    open_checkpointer,
)
from tests.Graph.support import make_context

WAIT = 30


def gated(gate: threading.Event) -> Iterator[AgentEvent]:
    """A run that answers once the test opens the gate."""
    assert gate.wait(WAIT)
    yield AgentTurn(thread_id="t1", answer="done")


def test_a_busy_thread_is_refused_until_its_run_has_ended() -> None:
    runs, gate = InProcessAgentRuns(), threading.Event()
    run = runs.start("t1", lambda stop: gated(gate))
    assert runs.is_running("t1") and not runs.is_running("t2")
    with pytest.raises(ThreadBusyError, match="busy answering a message"):
        runs.start("t1", lambda stop: gated(gate))
    with pytest.raises(ThreadBusyError), runs.hold("t1"):
        pass  # deleting the thread must wait too
    assert list(runs.start("t2", lambda stop: iter([])).events()) == []  # another thread is not affected
    gate.set()
    assert [e for e in run.events()] == [AgentTurn(thread_id="t1", answer="done")]
    assert not runs.is_running("t1")  # the stream ends only once the thread is free
    assert [e.kind for e in runs.start("t1", lambda stop: gated(gate)).events()] == ["final"]


def test_a_run_that_raises_or_fails_to_start_still_frees_the_thread() -> None:
    runs = InProcessAgentRuns()

    def broken(stop: threading.Event) -> Iterator[AgentEvent]:
        yield Token(text="Let me")
        raise RuntimeError("model server went away")

    events = list(runs.start("t", broken).events())
    assert [e.kind for e in events] == ["token", "error"]
    failure = events[-1]
    assert isinstance(failure, RunError)
    assert failure.code == "agent_failed" and "model server" not in failure.message
    assert not runs.is_running("t")

    def refused(stop: threading.Event) -> Iterator[AgentEvent]:
        raise ValueError("no booking waits for approval")

    with pytest.raises(ValueError, match="no booking"):
        runs.start("t", refused)
    assert not runs.is_running("t") and len(runs) == 0


def test_cancel_stops_a_real_run_and_the_thread_stays_usable(tmp_path: Path) -> None:
    entered, release = threading.Event(), threading.Event()

    def slow_model(_: object) -> AIMessage:
        entered.set()
        assert release.wait(WAIT)
        return AIMessage(content="", tool_calls=[{"name": "session_status", "args": {}, "id": "c1",
                                                  "type": "tool_call"}])

    runs = InProcessAgentRuns()
    assert runs.cancel("c") is False  # nothing runs there
    with open_checkpointer("sqlite:///unused", tmp_path) as checkpointer:
        runner = AgentRunner(model=RunnableLambda(slow_model), checkpointer=checkpointer)
        context = make_context(None, tmp_path, "c")

        def prepare(stop: threading.Event) -> Iterator[AgentEvent]:
            context.cancel = stop
            return runner.stream(message="list everything", context=context)

        run = runs.start("c", prepare)
        assert entered.wait(WAIT)
        assert runs.cancel("c") is True
        release.set()
        events = list(run.events())
        final = events[-1]
        assert isinstance(final, AgentTurn) and final.answer == "Stopped on request."
        assert not any(e.kind == "tool_start" for e in events)  # the tool never ran
        assert not runs.is_running("c")
        assert runner.history("c")[-1].content == "Stopped on request."


def test_the_owner_forgets_every_run_that_ended() -> None:
    runs = InProcessAgentRuns()
    for index in range(300):
        run = runs.start(f"thread-{index}", lambda stop: iter([AgentTurn(thread_id="t", answer="ok")]))
        assert [e.kind for e in run.events()] == ["final"]
    for index in range(50):
        with runs.hold(f"deleted-{index}"):
            pass
    assert len(runs) == 0


def spoken(gate: threading.Event) -> Iterator[AgentEvent]:
    """Two words, then (once the gate opens) a third and the answer."""
    yield Token(text="one ")
    yield Token(text="two ")
    assert gate.wait(WAIT)
    yield Token(text="three")
    yield AgentTurn(thread_id="t", answer="one two three")


def test_a_follower_gets_exactly_the_events_after_the_id_it_saw() -> None:
    runs, gate = InProcessAgentRuns(), threading.Event()
    assert list(runs.follow("t")) == []  # no run known
    run = runs.start("t", lambda stop: spoken(gate))
    consumer = run.follow()
    first_id, first = next(consumer)
    assert first == Token(text="one ")
    rest: list[tuple[str, AgentEvent]] = []
    follower = threading.Thread(target=lambda: rest.extend(runs.follow("t", first_id)))
    follower.start()
    gate.set()
    follower.join(WAIT)
    assert [event for _, event in rest] == [Token(text="two "), Token(text="three"),
                                            AgentTurn(thread_id="t", answer="one two three")]
    consumed = [(first_id, first), *consumer]
    assert consumed[1:] == rest  # the same ids for the consumer and a follower
    assert len({event_id for event_id, _ in consumed}) == 4
    # After the end the last run can still be followed; its last id leaves nothing to send.
    assert list(runs.follow("t", consumed[-1][0])) == []
    assert list(runs.follow("t", "not-an-id")) == consumed
    # A new run: an id of the run before it means "send all of this one".
    second = runs.start("t", lambda stop: iter([AgentTurn(thread_id="t", answer="again")]))
    assert [e for _, e in second.follow()] == [AgentTurn(thread_id="t", answer="again")]
    again = list(runs.follow("t", consumed[-1][0]))
    assert [e for _, e in again] == [AgentTurn(thread_id="t", answer="again")]
    assert again[0][0] > consumed[-1][0]  # ids grow within a thread, across runs


def test_the_events_of_an_ended_run_expire() -> None:
    runs = InProcessAgentRuns(replay_seconds=0.05)
    list(runs.start("t", lambda stop: iter([Token(text="hi")])).events())
    pause = threading.Event()
    for _ in range(100):
        if not list(runs.follow("t")):
            break
        pause.wait(0.02)
    assert list(runs.follow("t")) == []
