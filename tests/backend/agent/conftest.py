"""A sandbox portal and the API (offline model, SQLite) for whole conversations through HTTP."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from backend.app import create_app
from backend.config import Settings
from sandbox.accounts import DISPATCH1, DISPATCH2
from tests.backend.agent.scripted_model import ScriptedModel
from tests.support.sandbox import start_sandbox
from tests.support.services import ApiServer, sqlite_url

SOLVER_KEY = "agent-tests-solver-key-5d1e"


@dataclass
class Portal:
    """The sandbox portal and its in-process state."""

    server: Any
    url: str

    @property
    def state(self) -> Any:
        return self.server.state


@dataclass
class Stack:
    """The settings an API is started with, so a test can restart it on the same data."""

    settings: Settings
    servers: list[ApiServer] = field(default_factory=list)

    def start(self) -> ApiServer:
        server = ApiServer(create_app(self.settings)).__enter__()
        self.servers.append(server)
        return server

    def stop(self, server: ApiServer) -> None:
        server.__exit__(None, None, None)
        self.servers.remove(server)


class Dispatcher:
    """A user of the API with one E-Modal account, talking to the agent."""

    def __init__(self, base_url: str, name: str, account: Any):
        self.http = httpx.Client(base_url=base_url, timeout=300)
        self.http.post("/auth/register", json={"username": name, "password": "agent-test-pass"})
        tokens = self.http.post("/auth/login", data={"username": name, "password": "agent-test-pass"}).json()
        self.http.headers["Authorization"] = f"Bearer {tokens['access_token']}"
        response = self.http.post("/accounts", json={"label": account.username, "username": account.username,
                                                     "password": account.password, "captcha_api_key": SOLVER_KEY})
        assert response.status_code == 201, response.text

    def rebase(self, base_url: str) -> None:
        self.http.base_url = httpx.URL(base_url)

    def ask(self, message: str, thread_id: str | None = None, **extra: Any) -> dict[str, Any]:
        body: dict[str, Any] = {"message": message, **extra}
        if thread_id:
            body["thread_id"] = thread_id
        response = self.http.post("/ask", json=body)
        assert response.status_code == 200, response.text
        return dict(response.json())

    def resume(self, thread_id: str, decision: str) -> dict[str, Any]:
        response = self.http.post("/ask", json={"thread_id": thread_id, "resume": decision})
        assert response.status_code == 200, response.text
        return dict(response.json())

    def stream(self, message: str, thread_id: str | None = None) -> list[tuple[str, dict[str, Any]]]:
        body: dict[str, Any] = {"message": message}
        if thread_id:
            body["thread_id"] = thread_id
        events: list[tuple[str, dict[str, Any]]] = []
        with self.http.stream("POST", "/ask/stream", json=body) as response:
            assert response.status_code == 200
            assert response.headers["content-type"].startswith("text/event-stream")
            name = ""
            for line in response.iter_lines():
                if line.startswith("event: "):
                    name = line.removeprefix("event: ")
                elif line.startswith("data: "):
                    events.append((name, json.loads(line.removeprefix("data: "))))
        return events


@pytest.fixture(scope="module")
def portal() -> Iterator[Portal]:
    server, url = start_sandbox(containers_per_account=40, solver_api_key=SOLVER_KEY)
    yield Portal(server, url)
    server.stop()


@pytest.fixture(scope="module")
def stack(portal: Portal, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    tmp: Path = tmp_path_factory.mktemp("agent-api")
    settings = Settings(data_dir=tmp, database_url=sqlite_url(tmp), portal_base_url=portal.url,
                        captcha_base_url=portal.url, captcha_poll_seconds=0.05, browser_pool_size=4,
                        page_timeout_seconds=30)
    stack = Stack(settings)
    yield stack
    for server in list(stack.servers):
        stack.stop(server)


@pytest.fixture(scope="module")
def api(stack: Stack) -> ApiServer:
    return stack.start()


@pytest.fixture(scope="module")
def maria(api: ApiServer) -> Dispatcher:
    return Dispatcher(api.url, "maria-dispatch", DISPATCH1)


@pytest.fixture(scope="module")
def omar(api: ApiServer) -> Dispatcher:
    return Dispatcher(api.url, "omar-dispatch", DISPATCH2)


__all__ = ["DISPATCH1", "DISPATCH2", "SOLVER_KEY", "Dispatcher", "Portal", "Stack"]


@pytest.fixture(scope="module")
def model() -> Iterator[ScriptedModel]:
    """A scripted OpenAI-compatible model server, one per test module."""
    scripted = ScriptedModel()
    yield scripted
    scripted.close()


@pytest.fixture
def plain_model(model: ScriptedModel) -> None:
    """The scripted model back to answering at once (modules that script it use this for every test)."""
    model.gate.set()
    model.loop = model.fail = False
    model.hold_after = 0
