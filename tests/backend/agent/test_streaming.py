"""`POST /ask/stream` sends an answer in pieces as the model produces them: the offline model's and an
OpenAI-compatible server's, whose stream is held halfway to show the first pieces arrive before the rest exists."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from backend.app import create_app
from backend.config import Settings
from tests.support.services import ApiServer, sqlite_url

ANSWER = "Two containers are in the yard and one of them has a hold on it today."
WORDS = ANSWER.split(" ")
HALF = 5
HOLD_SECONDS = 30


def _chunk(delta: dict[str, Any], finish: str | None = None) -> bytes:
    body = {"id": "c1", "object": "chat.completion.chunk", "created": 0, "model": "held",
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
    return f"data: {json.dumps(body)}\n\n".encode()


class HeldModel:
    """An OpenAI-compatible server that streams its answer word by word and stops halfway until let go."""

    def __init__(self) -> None:
        self.go_on = threading.Event()
        self.finished = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                return

            def do_POST(self) -> None:
                json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                for index, word in enumerate(WORDS):
                    if index == HALF:
                        outer.go_on.wait(HOLD_SECONDS)
                    self.wfile.write(_chunk({"role": "assistant", "content": word + " "}))
                    self.wfile.flush()
                self.wfile.write(_chunk({}, "stop") + b"data: [DONE]\n\n")
                outer.finished.set()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.go_on.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def held() -> Iterator[HeldModel]:
    model = HeldModel()
    yield model
    model.close()


def _client(settings: Settings, name: str) -> Iterator[httpx.Client]:
    with ApiServer(create_app(settings)) as server, httpx.Client(base_url=server.url, timeout=120) as client:
        client.post("/auth/register", json={"username": name, "password": f"{name}-password"})
        tokens = client.post("/auth/login", data={"username": name, "password": f"{name}-password"}).json()
        client.headers["Authorization"] = f"Bearer {tokens['access_token']}"
        yield client


@pytest.fixture(scope="module")
def held_api(held: HeldModel, tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    tmp: Path = tmp_path_factory.mktemp("stream-held")
    yield from _client(Settings(data_dir=tmp, database_url=sqlite_url(tmp), llm_base_url=held.url,
                                llm_model="held"), "stream-held")


@pytest.fixture(scope="module")
def offline_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    tmp: Path = tmp_path_factory.mktemp("stream-offline")
    yield from _client(Settings(data_dir=tmp, database_url=sqlite_url(tmp)), "stream-offline")


def _events(response: httpx.Response) -> Iterator[tuple[str, dict[str, Any]]]:
    name = ""
    for line in response.iter_lines():
        if line.startswith("event: "):
            name = line.removeprefix("event: ")
        elif line.startswith("data: "):
            yield name, json.loads(line.removeprefix("data: "))


def test_the_first_pieces_arrive_before_the_model_has_finished(held_api: httpx.Client, held: HeldModel) -> None:
    tokens: list[str] = []
    with held_api.stream("POST", "/ask/stream", json={"message": "anything in the yard?"}) as response:
        assert response.status_code == 200
        events = _events(response)
        for name, data in events:
            if name == "token":
                tokens.append(data["text"])
            if len(tokens) == HALF:
                break
        assert not held.finished.is_set()  # the model is still holding the second half back
        held.go_on.set()
        rest = list(events)
    tokens += [data["text"] for name, data in rest if name == "token"]
    assert rest[-1][0] == "final"
    assert len(tokens) >= len(WORDS)
    assert "".join(tokens).strip() == rest[-1][1]["answer"].strip() == " ".join(WORDS)


def test_the_offline_model_streams_its_answer_in_pieces(offline_api: httpx.Client) -> None:
    with offline_api.stream("POST", "/ask/stream", json={"message": "what can you do?"}) as response:
        assert response.status_code == 200
        events = list(_events(response))
    tokens = [data["text"] for name, data in events if name == "token"]
    assert events[-1][0] == "final" and events[-1][1]["answer"]
    assert len(tokens) > 10
    assert "".join(tokens) == events[-1][1]["answer"]
