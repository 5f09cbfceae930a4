"""Agent runs shared by two replicas through a real Redis: one run per thread, cancel, follow, a lost replica."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator

import pytest

from cluster.runs import RUN_LOST, RedisAgentRuns
from Graph import AgentEvent, AgentTurn, NumberedEvent, RunError, RunsUnavailableError, ThreadBusyError, Token
from tests.support.services import RedisServer, wait_until

pytestmark = pytest.mark.redis
WAIT = 30


@pytest.fixture(scope="module")
def redis_server() -> Iterator[RedisServer]:
    server = RedisServer().start()
    yield server
    server.close()


def replica(server: RedisServer, name: str, lease_seconds: float = 15) -> RedisAgentRuns:
    return RedisAgentRuns(server.url, prefix="test", replica_id=name, lease_seconds=lease_seconds)


@pytest.fixture
def pair(redis_server: RedisServer) -> Iterator[tuple[RedisAgentRuns, RedisAgentRuns]]:
    a, b = replica(redis_server, "a"), replica(redis_server, "b")
    yield a, b
    a.close()
    b.close()


def new_thread() -> str:
    return uuid.uuid4().hex


def spoken(gate: threading.Event, stop: threading.Event) -> Iterator[AgentEvent]:
    """Two words; once the gate opens (or the run is told to stop) a third and the answer."""
    yield Token(text="one ")
    yield Token(text="two ")
    while not gate.wait(0.05):
        if stop.is_set():
            yield AgentTurn(thread_id="t", answer="Stopped on request.")
            return
    yield Token(text="three")
    yield AgentTurn(thread_id="t", answer="one two three")


def test_a_thread_busy_on_one_replica_is_busy_on_the_other(pair: tuple[RedisAgentRuns, RedisAgentRuns]) -> None:
    a, b = pair
    thread, gate = new_thread(), threading.Event()
    run = a.start(thread, lambda stop: spoken(gate, stop))
    assert a.is_running(thread) and b.is_running(thread) and not b.is_running(new_thread())
    with pytest.raises(ThreadBusyError, match="busy answering"):
        b.start(thread, lambda stop: spoken(gate, stop))
    with pytest.raises(ThreadBusyError), b.hold(thread):
        pass
    gate.set()
    assert [e for e in run.events()][-1] == AgentTurn(thread_id="t", answer="one two three")
    assert not b.is_running(thread)  # free as soon as the consumer has the end
    with a.hold(thread):
        assert b.is_running(thread)
        with pytest.raises(ThreadBusyError):
            b.start(thread, lambda stop: spoken(gate, stop))
    assert [e.kind for e in b.start(thread, lambda stop: spoken(gate, stop)).events()][-1] == "final"


def test_a_failed_preparation_frees_the_thread(pair: tuple[RedisAgentRuns, RedisAgentRuns]) -> None:
    a, b = pair
    thread = new_thread()

    def refused(stop: threading.Event) -> Iterator[AgentEvent]:
        raise ValueError("no booking waits for approval")

    with pytest.raises(ValueError, match="no booking"):
        a.start(thread, refused)
    assert not b.is_running(thread) and list(b.follow(thread)) == []


def test_cancel_on_one_replica_stops_the_run_on_the_other(pair: tuple[RedisAgentRuns, RedisAgentRuns]) -> None:
    a, b = pair
    thread, stopped = new_thread(), threading.Event()

    def watched(stop: threading.Event) -> Iterator[AgentEvent]:
        yield Token(text="working")
        assert stop.wait(WAIT)
        stopped.set()
        yield AgentTurn(thread_id=thread, answer="Stopped on request.")

    assert b.cancel(thread) is False  # nothing runs there
    run = a.start(thread, watched)
    assert next(run.events()) == Token(text="working")
    assert b.cancel(thread) is True
    assert stopped.wait(2), "the owner noticed the cancel within the keeper's tick"
    assert [e for e in run.events()][-1] == AgentTurn(thread_id=thread, answer="Stopped on request.")


def test_a_follower_on_another_replica_gets_exactly_the_events_after_its_id(
        pair: tuple[RedisAgentRuns, RedisAgentRuns]) -> None:
    a, b = pair
    thread, gate = new_thread(), threading.Event()
    run = a.start(thread, lambda stop: spoken(gate, stop))
    consumer = run.follow()
    seen = [next(consumer), next(consumer)]
    rest: list[NumberedEvent] = []
    follower = threading.Thread(target=lambda: rest.extend(b.follow(thread, seen[0][0])))
    follower.start()
    gate.set()
    follower.join(WAIT)
    consumed = [*seen, *consumer]
    assert rest == consumed[1:]
    assert [e for _, e in rest] == [Token(text="two "), Token(text="three"),
                                    AgentTurn(thread_id="t", answer="one two three")]
    assert list(b.follow(thread, consumed[-1][0])) == []  # the last id: nothing left
    assert list(b.follow(thread, "garbage")) == consumed  # not an id of this run: the whole run
    run_id = consumed[-1][0].partition(".")[0]
    assert list(b.follow(thread, f"{run_id}.99999999999999-0")) == []  # past the end: nothing, and no wait
    second = b.start(thread, lambda stop: iter([AgentTurn(thread_id="t", answer="again")]))
    again = list(second.follow())
    assert list(a.follow(thread, consumed[-1][0])) == again and again[0][0] > consumed[-1][0]


def test_a_replica_that_stops_renewing_frees_the_thread_and_its_followers_get_run_lost(
        redis_server: RedisServer) -> None:
    a, b = replica(redis_server, "a", lease_seconds=1), replica(redis_server, "b", lease_seconds=1)
    thread, gate = new_thread(), threading.Event()
    try:
        run = a.start(thread, lambda stop: spoken(gate, stop))
        consumer = run.follow()
        first_id, _ = next(consumer)
        a.close()  # A "dies": its keeper stops renewing the claim
        rest = list(b.follow(thread, first_id))  # ends once the lease has run out
        assert [e for _, e in rest] == [Token(text="two "), RunError(code="run_lost", message=RUN_LOST)]
        assert not b.is_running(thread)
        assert [e for _, e in consumer][-1] == RunError(code="run_lost", message=RUN_LOST)
        b_gate = threading.Event()
        later = b.start(thread, lambda stop: spoken(b_gate, stop))
        gate.set()  # the old run wakes up on A: it may no longer write, nor free B's claim
        wait_until(lambda: run.stop.is_set(), timeout=5, what="the lost run told to stop")
        assert b.is_running(thread) and a.is_running(thread)
        b_gate.set()
        assert [e for e in later.events()][-1] == AgentTurn(thread_id="t", answer="one two three")
        assert [e for _, e in b.follow(thread)] == [Token(text="one "), Token(text="two "), Token(text="three"),
                                                     AgentTurn(thread_id="t", answer="one two three")]
    finally:
        gate.set()
        b.close()


def test_without_redis_no_run_starts(redis_server: RedisServer) -> None:
    down = RedisServer().start()
    runs = replica(down, "a")
    try:
        down.stop()
        with pytest.raises(RunsUnavailableError, match="cannot take new questions"):
            runs.start(new_thread(), lambda stop: iter([]))
        with pytest.raises(RunsUnavailableError):
            runs.is_running(new_thread())
        with pytest.raises(RunsUnavailableError), runs.hold(new_thread()):
            pass
    finally:
        runs.close()
        down.close()
