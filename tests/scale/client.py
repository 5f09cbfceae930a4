"""A dispatcher acting through any replica: register, log in, add the sandbox account, ask, ask streaming."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx

from sandbox.accounts import DISPATCH1
from tests.scale.replicas import ApiReplica
from tests.support.sandbox import SOLVER_KEY

ASK_TIMEOUT_SECONDS = 300.0


@dataclass(frozen=True)
class SseEvent:
    """One Server-Sent Event of /ask/stream."""

    kind: str
    data: dict[str, Any]
    event_id: str | None = None


def parse_sse(lines: Iterator[str]) -> Iterator[SseEvent]:
    """Events from the lines of a text/event-stream body."""
    kind, data, event_id = "message", "", None
    for line in lines:
        if not line:
            if data:
                yield SseEvent(kind, json.loads(data), event_id)
            kind, data, event_id = "message", "", None
        elif line.startswith("event:"):
            kind = line.removeprefix("event:").strip()
        elif line.startswith("data:"):
            data += line.removeprefix("data:").strip()
        elif line.startswith("id:"):
            event_id = line.removeprefix("id:").strip()
    if data:
        yield SseEvent(kind, json.loads(data), event_id)


@dataclass
class Dispatcher:
    """A user of the product with one bearer token, valid on every replica."""

    username: str
    password: str
    access_token: str = ""
    account_id: int | None = None
    clients: dict[str, httpx.Client] = field(default_factory=dict)

    @classmethod
    def register(cls, replica: ApiReplica, *, username: str | None = None) -> Dispatcher:
        """A new user registered and logged in through `replica`."""
        user = cls(username or f"dispatcher-{uuid.uuid4().hex[:10]}", "correct horse battery staple")
        anonymous = httpx.Client(base_url=replica.url, timeout=30)
        with anonymous:
            created = anonymous.post("/auth/register", json={"username": user.username, "password": user.password})
            assert created.status_code == 201, created.text
            tokens = anonymous.post("/auth/login", data={"username": user.username, "password": user.password})
            assert tokens.status_code == 200, tokens.text
        user.access_token = str(tokens.json()["access_token"])
        return user

    def client(self, replica: ApiReplica) -> httpx.Client:
        """This user's HTTP client for `replica`."""
        if replica.url not in self.clients:
            self.clients[replica.url] = httpx.Client(
                base_url=replica.url, timeout=ASK_TIMEOUT_SECONDS,
                headers={"Authorization": f"Bearer {self.access_token}"})
        return self.clients[replica.url]

    def add_sandbox_account(self, replica: ApiReplica, *, username: str = DISPATCH1.username,
                            password: str = DISPATCH1.password) -> int:
        """Store a sandbox E-Modal account for this user (the only one, so every ask uses it)."""
        response = self.client(replica).post("/accounts", json={
            "label": f"Sandbox {username}", "username": username, "password": password,
            "captcha_api_key": SOLVER_KEY})
        assert response.status_code == 201, response.text
        self.account_id = int(response.json()["id"])
        return self.account_id

    def ask(self, replica: ApiReplica, message: str, *, thread_id: str | None = None) -> httpx.Response:
        """POST /ask through `replica` (the response as it came: 200, 409, 503...)."""
        body: dict[str, Any] = {"message": message}
        if thread_id:
            body["thread_id"] = thread_id
        return self.client(replica).post("/ask", json=body)

    def answer(self, replica: ApiReplica, message: str, *, thread_id: str | None = None) -> dict[str, Any]:
        """The turn `/ask` answers, asserting it answered 200."""
        response = self.ask(replica, message, thread_id=thread_id)
        assert response.status_code == 200, f"{replica.name}: {response.status_code} {response.text}"
        turn: dict[str, Any] = response.json()
        return turn

    def ask_stream(self, replica: ApiReplica, message: str, *, thread_id: str | None = None) -> list[SseEvent]:
        """Every event of POST /ask/stream through `replica`, to the end of the stream."""
        body: dict[str, Any] = {"message": message}
        if thread_id:
            body["thread_id"] = thread_id
        with self.client(replica).stream("POST", "/ask/stream", json=body) as response:
            assert response.status_code == 200, f"{replica.name}: {response.status_code} {response.read()!r}"
            return list(parse_sse(response.iter_lines()))

    def close(self) -> None:
        for client in self.clients.values():
            client.close()
        self.clients.clear()
