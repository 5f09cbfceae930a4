"""Item 4 of the cluster: a replica killed in the middle of a turn. The turn fails cleanly (its stream, followed
on another replica, ends with an error), the thread is free again within the run lease, and a booking being
submitted when it died is never submitted twice."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from sandbox.accounts import DISPATCH1
from tests.scale.client import Dispatcher, StreamReader
from tests.scale.figures import Figures
from tests.scale.portal import SandboxPortal
from tests.scale.replicas import ApiReplica
from tests.support.sandbox import chaos

pytestmark = [pytest.mark.scale, pytest.mark.timeout(900)]

FREED_WITHIN_SECONDS = 90.0


@pytest.fixture
def dispatcher(healthy_replicas: list[ApiReplica]) -> Iterator[Dispatcher]:
    user = Dispatcher.register(healthy_replicas[1])
    user.add_sandbox_account(healthy_replicas[1])
    try:
        yield user
    finally:
        user.close()


@pytest.fixture
def first_replica_restarted(healthy_replicas: list[ApiReplica]) -> Iterator[ApiReplica]:
    """The replica the test kills; started again afterwards for the next tests."""
    yield healthy_replicas[0]
    healthy_replicas[0].restart()


def _free_within(dispatcher: Dispatcher, replica: ApiReplica, thread_id: str) -> float:
    """Seconds until a new question on the thread is accepted (not 409) through `replica`."""
    started = time.monotonic()
    pause = threading.Event()
    while True:
        response = dispatcher.ask(replica, "hello", thread_id=thread_id)
        if response.status_code != 409:
            assert response.status_code == 200, response.text
            return time.monotonic() - started
        assert time.monotonic() - started < FREED_WITHIN_SECONDS, "the killed replica's thread stayed busy"
        pause.wait(1.0)


def test_a_killed_replica_leaves_its_thread_free(dispatcher: Dispatcher, healthy_replicas: list[ApiReplica],
                                                 first_replica_restarted: ApiReplica, sandbox_server: SandboxPortal,
                                                 figures: Figures) -> None:
    first, second = first_replica_restarted, healthy_replicas[1]
    chaos(sandbox_server.url, "latency", seconds=1.0)
    stream = StreamReader(dispatcher, first, "which of my containers are ready to pick up?")
    try:
        thread_id = str(stream.until(lambda event: event.kind == "thread").data["thread_id"])
        last_seen = stream.until(lambda event: event.kind == "tool_start", timeout=60)
        first.kill()
        _, broken = stream.rest(timeout=60)
        assert broken is not None, "the stream went on after its replica was killed"
    finally:
        stream.close()
        chaos(sandbox_server.url, "latency", seconds=0)

    # Followed on the survivor, the lost turn ends with an error the user can read, not silence.
    with figures.timed("killed_turn_reported_seconds"):
        rest = dispatcher.follow(second, thread_id, last_seen.event_id)
    assert rest and rest[-1].kind == "error", [event.kind for event in rest]
    figures.record("thread_free_after_kill_seconds", _free_within(dispatcher, second, thread_id))


def _free_container(sandbox_server: SandboxPortal) -> str:
    """An import of dispatch1 ready to pick up at ITS with no appointment yet."""
    state = sandbox_server.server.state
    taken = {number for appointment in state.appointments(DISPATCH1.username) if appointment.status == "SCHEDULED"
             for number in appointment.containers}
    for container in state.data[DISPATCH1.username].containers:
        if (container.known and container.trade_type == "IMPORT" and not container.holds
                and not container.pregate_ticket and not container.reached("Pregate") and container.destination == "ITS"
                and container.number not in taken | {"MSCU5165756"}):
            return str(container.number)
    raise AssertionError("the sandbox has no free import at ITS")


def _scheduled(sandbox_server: SandboxPortal, container: str) -> int:
    appointments = sandbox_server.server.state.appointments(DISPATCH1.username)
    return sum(1 for a in appointments if a.status == "SCHEDULED" and container in a.containers)


def test_a_booking_interrupted_by_a_killed_replica_is_made_once(
        dispatcher: Dispatcher, healthy_replicas: list[ApiReplica], first_replica_restarted: ApiReplica,
        sandbox_server: SandboxPortal) -> None:
    first, second = first_replica_restarted, healthy_replicas[1]
    container = _free_container(sandbox_server)
    offer = dispatcher.answer(first, f"find me a slot at ITS Long Beach tomorrow morning for {container} truck "
                                     f"{DISPATCH1.plates[0]} and book it")
    assert offer["confirmation"] is not None, offer["answer"]
    thread_id = str(offer["thread_id"])

    # The wizard takes long to appear: the approval's run is inside the booking tool when its replica dies.
    chaos(sandbox_server.url, "slow-wizard", seconds=20)
    stream = StreamReader(dispatcher, first, None, thread_id=thread_id, resume="approve")
    try:
        stream.until(lambda event: event.kind == "tool_start" and event.data.get("name") == "book_appointment",
                     timeout=60)
        first.kill()
        stream.rest(timeout=60)
    finally:
        stream.close()
        chaos(sandbox_server.url, "slow-wizard", seconds=0)

    # The dispatcher approves again through the other replica once the thread is free.
    deadline = time.monotonic() + FREED_WITHIN_SECONDS
    pause = threading.Event()
    while True:
        retried = dispatcher.decide(second, thread_id, "approve")
        if retried.status_code != 409 or time.monotonic() > deadline:
            break
        pause.wait(1.0)
    assert retried.status_code == 200, retried.text
    answer = str(retried.json()["answer"])
    assert re.search(r"\b\d{8}\b", answer), f"the second approval did not book: {answer}"
    assert _scheduled(sandbox_server, container) == 1, "the booking was submitted twice"
    # Asking the portal afterwards shows the one appointment too.
    listed = dispatcher.answer(second, "show my appointments", thread_id=thread_id)
    assert listed["answer"].count(container) >= 1


def test_a_replica_is_back_after_kill_9(healthy_replicas: list[ApiReplica], figures: Figures) -> None:
    replica = healthy_replicas[1]
    replica.kill()
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{replica.url}/health", timeout=2)
    replica.start()
    figures.record("replica_restart_after_kill_seconds", replica.start_seconds)
    assert replica.healthy()
