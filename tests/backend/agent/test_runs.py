"""One run per thread through HTTP: 409 when busy, cancel, the step limit, a failed run; no browser needed."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from backend.app import create_app
from backend.config import Settings
from tests.backend.agent.scripted_model import FINAL, ScriptedModel
from tests.backend.agent.sse import Sse, follow, read_sse
from tests.support.services import ApiServer, sqlite_url

pytestmark = pytest.mark.usefixtures("plain_model")


@pytest.fixture(scope="module")
def http(model: ScriptedModel, tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    tmp: Path = tmp_path_factory.mktemp("runs-api")
    settings = Settings(data_dir=tmp, database_url=sqlite_url(tmp), llm_base_url=model.url,
                        llm_api_key="scripted-key", llm_model="scripted")
    with ApiServer(create_app(settings)) as server, httpx.Client(base_url=server.url, timeout=120) as client:
        client.post("/auth/register", json={"username": "runner-dispatch", "password": "runner-dispatch-pw"})
        tokens = client.post("/auth/login", data={"username": "runner-dispatch", "password": "runner-dispatch-pw"})
        client.headers["Authorization"] = f"Bearer {tokens.json()['access_token']}"
        yield client


def new_thread(http: httpx.Client) -> str:
    return str(http.post("/threads", json={}).json()["id"])


def running(http: httpx.Client, thread_id: str) -> bool:
    return bool(http.get(f"/threads/{thread_id}").json()["running"])


def stream(http: httpx.Client, body: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    events: list[tuple[str, dict[str, Any]]] = []
    with http.stream("POST", "/ask/stream", json=body) as response:
        assert response.status_code == 200
        name = ""
        for line in response.iter_lines():
            if line.startswith("event: "):
                name = line.removeprefix("event: ")
            elif line.startswith("data: "):
                events.append((name, json.loads(line.removeprefix("data: "))))
    return events


def test_a_busy_thread_is_409_until_cancel_stops_its_run(http: httpx.Client, model: ScriptedModel) -> None:
    thread_id = new_thread(http)
    model.gate.clear()
    model.called.clear()
    results: list[list[tuple[str, dict[str, Any]]]] = []
    worker = threading.Thread(target=lambda: results.append(stream(http, {"message": "hi", "thread_id": thread_id})))
    worker.start()
    assert model.called.wait(30)
    assert running(http, thread_id)
    busy = http.post("/ask", json={"message": "help", "thread_id": thread_id})
    assert busy.status_code == 409 and busy.json()["error"]["code"] == "thread_busy"
    assert http.delete(f"/threads/{thread_id}").status_code == 409  # not deleted under a run
    assert http.post(f"/threads/{thread_id}/cancel").json() == {"cancelled": True}
    model.gate.set()
    worker.join(60)
    events = results[0]
    assert events[0] == ("thread", {"thread_id": thread_id})
    assert events[-1][0] == "final" and events[-1][1]["answer"] == "Stopped on request."
    assert not running(http, thread_id)
    assert http.post(f"/threads/{thread_id}/cancel").json() == {"cancelled": False}
    again = http.post("/ask", json={"message": "help", "thread_id": thread_id})
    assert again.status_code == 200 and again.json()["answer"].strip() == FINAL
    assert http.delete(f"/threads/{thread_id}").status_code == 204


def test_the_thread_is_free_as_soon_as_the_answer_arrives(http: httpx.Client) -> None:
    thread_id = new_thread(http)
    for _ in range(3):
        turn = http.post("/ask", json={"message": "help", "thread_id": thread_id})
        assert turn.status_code == 200, turn.text
        call = turn.json()["tool_calls"][0]
        assert (call["name"], call["args"], call["status"]) == ("session_status", {}, "error")  # no account yet
        assert not running(http, thread_id)


def test_a_run_at_the_step_limit_answers_so(http: httpx.Client, model: ScriptedModel) -> None:
    model.loop = True
    thread_id = new_thread(http)
    turn = http.post("/ask", json={"message": "check every container", "thread_id": thread_id})
    assert turn.status_code == 200, turn.text
    answer = turn.json()["answer"]
    assert answer.startswith("I stopped after 19 steps without finishing") and "session_status" in answer
    events = stream(http, {"message": "go on", "thread_id": thread_id})
    assert events[-1][0] == "final" and events[-1][1]["answer"].startswith("I stopped after 19 steps")
    history = http.get(f"/threads/{thread_id}").json()["messages"]
    assert [m["content"][:15] for m in history if m["role"] == "assistant" and m["content"]] == [
        "I stopped after"] * 2
    assert not running(http, thread_id)


def test_a_failed_run_frees_its_thread(http: httpx.Client, model: ScriptedModel) -> None:
    model.fail = True
    thread_id = new_thread(http)
    failed = http.post("/ask", json={"message": "help", "thread_id": thread_id})
    assert failed.status_code == 500 and failed.json()["error"]["code"] == "agent_failed"
    assert "try again" in failed.json()["error"]["message"]
    events = stream(http, {"message": "help", "thread_id": thread_id})
    assert events[-1][0] == "error" and events[-1][1]["code"] == "agent_failed"
    assert not running(http, thread_id)
    model.fail = False
    assert http.post("/ask", json={"message": "help", "thread_id": thread_id}).json()["answer"].strip() == FINAL


def test_resume_without_a_pending_booking_is_409_and_frees_the_thread(http: httpx.Client) -> None:
    thread_id = new_thread(http)
    refused = http.post("/ask", json={"resume": "approve", "thread_id": thread_id})
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "no_pending_confirmation"
    assert not running(http, thread_id)  # refused in preparation: the claim was let go before the answer


def test_the_stream_and_the_thread_keep_the_json_the_web_page_reads(http: httpx.Client) -> None:
    thread_id = new_thread(http)
    events = stream(http, {"message": "am I logged in?", "thread_id": thread_id})
    shapes = {name: set(data) for name, data in events}
    assert [name for name, _ in events][:3] == ["thread", "tool_start", "tool_end"]
    assert shapes["tool_start"] == {"id", "name", "args"}
    assert shapes["tool_end"] == {"id", "name", "status", "files"}
    assert shapes["token"] == {"text"} and shapes["final"] == {"thread_id", "answer", "tool_calls", "files",
                                                                 "confirmation", "quick_replies"}
    final = events[-1][1]
    assert final["tool_calls"] == [{"id": events[1][1]["id"], "name": "session_status", "args": {},
                                    "status": "error"}]
    detail = http.get(f"/threads/{thread_id}").json()
    assert detail["pending_confirmation"] is None and detail["files"] == []
    assert detail["messages"][0] == {"role": "user", "content": "am I logged in?", "tool_calls": [], "files": [],
                                  "quick_replies": []}
    assert detail["messages"][1]["tool_calls"] == final["tool_calls"]


def test_every_streamed_event_has_an_id_and_the_rest_can_be_followed_after_one(
        http: httpx.Client, model: ScriptedModel) -> None:
    thread_id = new_thread(http)
    assert follow(http, thread_id) == []  # nothing ran there yet
    model.gate.clear()
    model.hold_after = model.calls + 1  # the first answer (a tool call) comes at once, the next one waits
    seen: list[Sse] = []
    with http.stream("POST", "/ask/stream", json={"message": "hi", "thread_id": thread_id}) as response:
        events = read_sse(response)
        for event in events:
            seen.append(event)
            if event[1] == "tool_end":
                break
        assert seen[0] == ("", "thread", {"thread_id": thread_id})  # the HTTP layer's own event has no id
        assert running(http, thread_id)
        rest: list[Sse] = []
        follower = threading.Thread(target=lambda: rest.extend(follow(http, thread_id, seen[1][0])))
        follower.start()
        model.gate.set()
        seen.extend(events)
    follower.join(60)
    assert [name for _, name, _ in seen][:3] == ["thread", "tool_start", "tool_end"] and seen[-1][1] == "final"
    assert all(event_id for event_id, _, _ in seen[1:]) and len({e for e, _, _ in seen}) == len(seen)
    assert rest == seen[2:]  # exactly what came after the id the client sent
    assert follow(http, thread_id, seen[2][0], query=True) == seen[3:]  # after the end, for a while
    assert follow(http, thread_id, seen[-1][0]) == []
