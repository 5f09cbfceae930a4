"""Two API replicas sharing one Redis and one PostgreSQL database: a thread's run is the cluster's, not a replica's.

Busy on A is 409 on B, a cancel sent to B stops the run on A, B serves the rest of A's stream from the client's
Last-Event-ID, a replica that stops renewing its claims frees the thread and its followers get `run_lost`, and
without Redis no run starts (503).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from backend.app import create_app
from backend.config import Settings
from cluster.runs import RUN_LOST
from tests.backend.agent.scripted_model import FINAL, ScriptedModel
from tests.backend.agent.sse import Sse, follow, read_sse
from tests.support.services import ApiServer, RedisServer, fresh_postgres_database

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.usefixtures("plain_model")]
LEASE_SECONDS = 2


@dataclass
class Cluster:
    """Two replicas, the Redis they share, and one user logged in on A whose token works on B too."""

    a: ApiServer
    b: ApiServer
    redis: RedisServer
    on_a: httpx.Client
    on_b: httpx.Client


@pytest.fixture(scope="module")
def cluster(model: ScriptedModel, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    tmp: Path = tmp_path_factory.mktemp("replicas")
    redis_server = RedisServer().start()
    try:
        with fresh_postgres_database() as database_url:
            def replica(name: str) -> ApiServer:
                settings = Settings(data_dir=tmp, database_url=database_url, redis_url=redis_server.url,
                                    redis_retry_seconds=0.2, cluster=True, replica_id=name,
                                    # Cluster mode needs a Grid address; these turns never open a browser.
                                    webdriver_remote_url="http://127.0.0.1:1",
                                    run_lease_seconds=LEASE_SECONDS, llm_base_url=model.url,
                                    llm_api_key="scripted-key", llm_model="scripted")
                return ApiServer(create_app(settings))

            with replica("a") as a, replica("b") as b, httpx.Client(base_url=a.url, timeout=120) as on_a, \
                    httpx.Client(base_url=b.url, timeout=120) as on_b:
                on_a.post("/auth/register", json={"username": "replica-dispatch", "password": "replica-pass-1"})
                tokens = on_a.post("/auth/login", data={"username": "replica-dispatch", "password": "replica-pass-1"})
                for client in (on_a, on_b):
                    client.headers["Authorization"] = f"Bearer {tokens.json()['access_token']}"
                yield Cluster(a, b, redis_server, on_a, on_b)
    finally:
        redis_server.close()


def new_thread(http: httpx.Client) -> str:
    return str(http.post("/threads", json={}).json()["id"])


def running(http: httpx.Client, thread_id: str) -> bool:
    return bool(http.get(f"/threads/{thread_id}").json()["running"])


class Asking:
    """A streamed ask in the background, whose events the test reads as they come."""

    def __init__(self, http: httpx.Client, thread_id: str) -> None:
        self.events: list[Sse] = []
        self.tool_ended = threading.Event()
        self._worker = threading.Thread(target=self._ask, args=(http, thread_id), daemon=True)
        self._worker.start()

    def _ask(self, http: httpx.Client, thread_id: str) -> None:
        with http.stream("POST", "/ask/stream", json={"message": "hi", "thread_id": thread_id}) as response:
            for event in read_sse(response):
                self.events.append(event)
                if event[1] == "tool_end":
                    self.tool_ended.set()

    def finished(self) -> list[Sse]:
        self._worker.join(60)
        assert not self._worker.is_alive()
        return self.events


def held_after_one_step(cluster: Cluster, model: ScriptedModel) -> tuple[str, Asking]:
    """A thread whose run on A has made one tool call and waits for the model's next answer."""
    thread_id = new_thread(cluster.on_a)
    model.gate.clear()
    model.hold_after = model.calls + 1
    asking = Asking(cluster.on_a, thread_id)
    assert asking.tool_ended.wait(60)
    return thread_id, asking


def test_a_thread_busy_on_one_replica_is_409_on_the_other_until_a_cancel_there_stops_it(
        cluster: Cluster, model: ScriptedModel) -> None:
    model.loop = True  # tool calls until stopped
    thread_id, asking = held_after_one_step(cluster, model)
    assert running(cluster.on_b, thread_id)
    busy = cluster.on_b.post("/ask", json={"message": "help", "thread_id": thread_id})
    assert busy.status_code == 409 and busy.json()["error"]["code"] == "thread_busy"
    assert cluster.on_b.delete(f"/threads/{thread_id}").status_code == 409
    assert cluster.on_b.post(f"/threads/{thread_id}/cancel").json() == {"cancelled": True}  # A has it when B answers
    model.gate.set()
    events = asking.finished()
    assert events[-1][1] == "final" and events[-1][2]["answer"] == "Stopped on request."
    model.loop = False
    assert not running(cluster.on_b, thread_id)
    assert cluster.on_b.post(f"/threads/{thread_id}/cancel").json() == {"cancelled": False}
    again = cluster.on_b.post("/ask", json={"message": "help", "thread_id": thread_id})
    assert again.status_code == 200 and again.json()["answer"].strip() == FINAL
    history = cluster.on_a.get(f"/threads/{thread_id}").json()["messages"]
    assert [m["content"].strip() for m in history if m["role"] == "assistant"][-1] == FINAL  # one conversation


def test_the_other_replica_serves_exactly_the_events_after_the_last_event_id(
        cluster: Cluster, model: ScriptedModel) -> None:
    thread_id, asking = held_after_one_step(cluster, model)
    tool_start_id = asking.events[1][0]
    rest: list[Sse] = []
    follower = threading.Thread(target=lambda: rest.extend(follow(cluster.on_b, thread_id, tool_start_id)))
    follower.start()
    model.gate.set()
    events = asking.finished()
    follower.join(60)
    assert [name for _, name, _ in events][:3] == ["thread", "tool_start", "tool_end"]
    assert events[-1][1] == "final" and events[-1][2]["answer"].strip() == FINAL
    assert rest == events[2:]  # the same ids and events, from the other replica
    assert follow(cluster.on_b, thread_id, events[-2][0], query=True) == events[-1:]
    assert follow(cluster.on_a, thread_id, events[-1][0]) == []


def test_someone_elses_thread_cannot_be_followed(cluster: Cluster) -> None:
    thread_id = new_thread(cluster.on_a)
    cluster.on_b.post("/auth/register", json={"username": "other-dispatch", "password": "other-pass-12"})
    tokens = cluster.on_b.post("/auth/login", data={"username": "other-dispatch", "password": "other-pass-12"})
    with httpx.Client(base_url=cluster.b.url, timeout=30,
                      headers={"Authorization": f"Bearer {tokens.json()['access_token']}"}) as other:
        refused = other.get(f"/threads/{thread_id}/stream")
    assert refused.status_code == 404 and refused.json()["error"]["code"] == "not_found"


def test_a_replica_that_stops_renewing_frees_the_thread_and_followers_get_run_lost(
        cluster: Cluster, model: ScriptedModel) -> None:
    thread_id, asking = held_after_one_step(cluster, model)
    cluster.a.services.agent_runs.close()  # A stops renewing its claims, as if its process had died
    rest = follow(cluster.on_b, thread_id, asking.events[2][0])  # ends once the lease has run out
    assert [(name, data["code"]) for _, name, data in rest] == [("error", "run_lost")]
    assert rest[0][2]["message"] == RUN_LOST
    assert not running(cluster.on_b, thread_id)
    model.gate.set()  # A's run wakes up: it may no longer write to the thread's stream
    assert asking.finished()[-1][2] == {"code": "run_lost", "message": RUN_LOST}
    again = cluster.on_b.post("/ask", json={"message": "help", "thread_id": thread_id})
    assert again.status_code == 200 and again.json()["answer"].strip() == FINAL


def test_without_redis_no_run_starts_and_the_answer_says_why(cluster: Cluster) -> None:
    thread_id = new_thread(cluster.on_b)
    cluster.redis.stop()
    refused = cluster.on_b.post("/ask", json={"message": "help", "thread_id": thread_id})
    assert refused.status_code == 503 and refused.json()["error"]["code"] == "runs_unavailable"
    assert "one answer at a time per conversation is unreachable" in refused.json()["error"]["message"]
    assert refused.headers["Retry-After"] == "30"
    assert cluster.on_b.get(f"/threads/{thread_id}/stream").status_code == 503
    cluster.redis.start()
    assert cluster.on_b.post("/ask", json={"message": "help", "thread_id": thread_id}).status_code == 200
