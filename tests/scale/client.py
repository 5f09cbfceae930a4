"""A dispatcher acting through any replica: register, log in, add the sandbox account, ask, ask streaming."""

from __future__ import annotations

import json
import queue
import threading
import time
import uuid
from collections.abc import Callable, Iterator
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


def _body(message: str, thread_id: str | None) -> dict[str, Any]:
    body: dict[str, Any] = {"message": message}
    if thread_id:
        body["thread_id"] = thread_id
    return body


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
        return self.client(replica).post("/ask", json=_body(message, thread_id))

    def decide(self, replica: ApiReplica, thread_id: str, decision: str) -> httpx.Response:
        """Approve or reject the booking waiting in `thread_id`, through `replica`."""
        return self.client(replica).post("/ask", json={"resume": decision, "thread_id": thread_id})

    def answer(self, replica: ApiReplica, message: str, *, thread_id: str | None = None) -> dict[str, Any]:
        """The turn `/ask` answers, asserting it answered 200."""
        response = self.ask(replica, message, thread_id=thread_id)
        assert response.status_code == 200, f"{replica.name}: {response.status_code} {response.text}"
        turn: dict[str, Any] = response.json()
        return turn

    def ask_stream(self, replica: ApiReplica, message: str, *, thread_id: str | None = None) -> list[SseEvent]:
        """Every event of POST /ask/stream through `replica`, to the end of the stream."""
        with self.client(replica).stream("POST", "/ask/stream", json=_body(message, thread_id)) as response:
            assert response.status_code == 200, f"{replica.name}: {response.status_code} {response.read()!r}"
            return list(parse_sse(response.iter_lines()))

    def follow(self, replica: ApiReplica, thread_id: str, last_event_id: str | None) -> list[SseEvent]:
        """The rest of the thread's current or last run after `last_event_id`, through `replica`."""
        headers = {"Last-Event-ID": last_event_id} if last_event_id else {}
        with self.client(replica).stream("GET", f"/threads/{thread_id}/stream", headers=headers) as response:
            assert response.status_code == 200, f"{replica.name}: {response.status_code} {response.read()!r}"
            return list(parse_sse(response.iter_lines()))

    def messages(self, replica: ApiReplica, thread_id: str) -> list[dict[str, Any]]:
        """The thread's messages as `replica` shows them."""
        response = self.client(replica).get(f"/threads/{thread_id}")
        assert response.status_code == 200, response.text
        messages: list[dict[str, Any]] = response.json()["messages"]
        return messages

    def close(self) -> None:
        for client in self.clients.values():
            client.close()
        self.clients.clear()


class StreamReader:
    """POST /ask/stream read in a background thread, so a test can act while the answer is being written."""

    def __init__(self, dispatcher: Dispatcher, replica: ApiReplica, message: str | None, *,
                 thread_id: str | None = None, resume: str | None = None) -> None:
        self.events: queue.Queue[SseEvent | BaseException | None] = queue.Queue()
        self.received: list[SseEvent] = []
        body = {"resume": resume, "thread_id": thread_id} if resume else _body(message or "", thread_id)
        # A client of its own: the stream may be cut (its replica killed) while the test goes on with the others.
        self._client = httpx.Client(base_url=replica.url, timeout=ASK_TIMEOUT_SECONDS,
                                    headers={"Authorization": f"Bearer {dispatcher.access_token}"})
        self._thread = threading.Thread(target=self._read, args=(body,), daemon=True)
        self._thread.start()

    def _read(self, body: dict[str, Any]) -> None:
        try:
            with self._client.stream("POST", "/ask/stream", json=body) as response:
                if response.status_code != 200:
                    raise AssertionError(f"/ask/stream answered {response.status_code}: {response.read()!r}")
                for event in parse_sse(response.iter_lines()):
                    self.events.put(event)
        except BaseException as exc:  # the test thread reports it
            self.events.put(exc)
        finally:
            self.events.put(None)

    def until(self, accept: Callable[[SseEvent], bool], *, timeout: float = ASK_TIMEOUT_SECONDS) -> SseEvent:
        """Read events until one is accepted; fail when the stream ends first or breaks."""
        deadline = time.monotonic() + timeout
        while True:
            item = self.events.get(timeout=max(0.1, deadline - time.monotonic()))
            if item is None:
                raise AssertionError(f"the stream ended first; received {[e.kind for e in self.received]}")
            if isinstance(item, BaseException):
                raise AssertionError(f"the stream broke: {item!r}") from item
            self.received.append(item)
            if accept(item):
                return item

    def rest(self, *, timeout: float = ASK_TIMEOUT_SECONDS) -> tuple[list[SseEvent], BaseException | None]:
        """Every remaining event, and the error that cut the stream (None when it ended normally)."""
        deadline = time.monotonic() + timeout
        events: list[SseEvent] = []
        while True:
            item = self.events.get(timeout=max(0.1, deadline - time.monotonic()))
            if item is None:
                self.received.extend(events)
                return events, None
            if isinstance(item, BaseException):
                self.received.extend(events)
                return events, item
            events.append(item)

    def close(self) -> None:
        self._client.close()
        self._thread.join(timeout=10)
