"""Item 1 and 2 of the cluster: any replica serves any turn of a conversation, one run per thread cluster-wide,
a cancel reaches the run wherever it runs, a stream resumes on another replica, and one login serves them all."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sandbox.accounts import DISPATCH1
from tests.scale.client import Dispatcher, SseEvent, StreamReader
from tests.scale.figures import Figures
from tests.scale.portal import SandboxPortal
from tests.scale.replicas import ApiReplica
from tests.support.sandbox import chaos

pytestmark = [pytest.mark.scale, pytest.mark.timeout(900)]

PREGATED, ACTIONABLE = "MSDU5772413", "MSCU5165756"


@pytest.fixture
def dispatcher(healthy_replicas: list[ApiReplica]) -> Iterator[Dispatcher]:
    """A new user with the sandbox account dispatch1, registered through the first replica."""
    user = Dispatcher.register(healthy_replicas[0])
    user.add_sandbox_account(healthy_replicas[0])
    try:
        yield user
    finally:
        user.close()


@pytest.fixture
def slow_portal(sandbox_server: SandboxPortal) -> Iterator[None]:
    """Every portal request takes a second more, so a turn lasts long enough to act on it from elsewhere."""
    chaos(sandbox_server.url, "latency", seconds=1.0)
    try:
        yield
    finally:
        chaos(sandbox_server.url, "latency", seconds=0)


def test_turns_alternate_between_replicas_on_one_login(dispatcher: Dispatcher, healthy_replicas: list[ApiReplica],
                                                       sandbox_server: SandboxPortal, figures: Figures) -> None:
    first, second = healthy_replicas
    logins_before = sandbox_server.login_counts().get(DISPATCH1.username, 0)
    questions = [
        (first, "which of my containers are ready to pick up?", ACTIONABLE),
        (second, f"has {PREGATED} passed pregate?", f"Yes: **{PREGATED}** passed Pregate"),
        (first, f"timeline of {ACTIONABLE}", ACTIONABLE),
        (second, "show my appointments", "appointment"),
    ]
    thread_ids = set()
    with figures.timed("conversation_4_turns_alternating_seconds"):
        for replica, question, expected in questions:
            turn = dispatcher.answer(replica, question)
            assert expected.lower() in turn["answer"].lower(), f"{replica.name} on {question!r}: {turn['answer']}"
            thread_ids.add(turn["thread_id"])
    assert len(thread_ids) == 1, "the turns landed in different conversations"
    (thread_id,) = thread_ids

    # Either replica shows the whole conversation, in order.
    for replica in healthy_replicas:
        messages = dispatcher.messages(replica, thread_id)
        assert [m["content"] for m in messages if m["role"] == "user"] == [q for _, q, _ in questions]
    # One login for the whole conversation, whichever replica answered (the browser is shared on the Grid).
    assert sandbox_server.login_counts().get(DISPATCH1.username, 0) - logins_before == 1


def _is_tool_start(event: SseEvent) -> bool:
    return event.kind == "tool_start"


def test_a_busy_thread_is_busy_everywhere_and_a_cancel_reaches_it(
        dispatcher: Dispatcher, healthy_replicas: list[ApiReplica], slow_portal: None) -> None:
    first, second = healthy_replicas
    stream = StreamReader(dispatcher, first, "which of my containers are ready to pick up?")
    try:
        thread_id = str(stream.until(lambda event: event.kind == "thread").data["thread_id"])
        stream.until(_is_tool_start, timeout=60)

        busy = dispatcher.ask(second, f"has {PREGATED} passed pregate?", thread_id=thread_id)
        assert busy.status_code == 409, f"the other replica started a second run on a busy thread: {busy.text}"

        cancelled = dispatcher.client(second).post(f"/threads/{thread_id}/cancel")
        assert cancelled.status_code == 200 and cancelled.json() == {"cancelled": True}, cancelled.text
        rest, broken = stream.rest(timeout=120)
        assert broken is None, f"the stream broke instead of ending: {broken!r}"
        final = rest[-1]
        assert final.kind == "final" and "stopped" in str(final.data["answer"]).lower(), final
    finally:
        stream.close()
    # The thread is free again, on either replica.
    assert dispatcher.ask(second, "hello", thread_id=thread_id).status_code == 200


def test_a_stream_resumes_on_the_other_replica(dispatcher: Dispatcher, healthy_replicas: list[ApiReplica],
                                               slow_portal: None) -> None:
    first, second = healthy_replicas
    stream = StreamReader(dispatcher, first, f"has {PREGATED} passed pregate?")
    try:
        thread_id = str(stream.until(lambda event: event.kind == "thread").data["thread_id"])
        seen = stream.until(_is_tool_start, timeout=60)
        assert seen.event_id, "the stream's events carry no id to resume from"
    finally:
        stream.close()  # the page reloads: its connection to the first replica is gone

    rest = dispatcher.follow(second, thread_id, seen.event_id)
    kinds = [event.kind for event in rest]
    assert kinds and kinds[-1] == "final", kinds
    resent = {event.event_id for event in rest} & {event.event_id for event in stream.received}
    assert not resent, f"events sent again after the one the client saw: {resent}"
    assert str(rest[-1].data["answer"]).startswith(f"Yes: **{PREGATED}** passed Pregate")
