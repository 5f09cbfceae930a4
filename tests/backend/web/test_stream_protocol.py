"""The page against a scripted assistant speaking the `/ask/stream` protocol: steps, tokens, tables, confirmation,
stop. The real assistant's answers are in test_conversation.py; this pins the page's side of the protocol."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import Request
from fastapi.responses import StreamingResponse
from fastapi.routing import APIRoute
from selenium.webdriver.common.by import By

from backend.app import create_app
from backend.config import Settings
from tests.backend.web.conftest import SCREENSHOTS, Browser
from tests.backend.web.pages import ChatPage, LoginPage, wait
from tests.support.services import ApiServer, sqlite_url

pytestmark = pytest.mark.browser

TABLE = "| Container | Status |\n|---|---|\n| MSDU5772413 | In Yard |\n| TGHU1234567 | On Vessel |"
CONFIRMATION = {"action": "book_appointment", "container": "MSCU5165756", "terminal_name": "ITS Long Beach",
                "slot": "Friday 10/03/2025 07:00 - 12:00", "truck_plate": "7KRT481", "own_chassis": False}


def _sse(event: str, data: dict[str, Any], event_id: str = "") -> str:
    line = f"id: {event_id}\r\n" if event_id else ""
    return f"{line}event: {event}\r\ndata: {json.dumps(data)}\r\n\r\n"


class ScriptedAssistant:
    """Answers by a script chosen from the message; `hold` keeps a run open until cancelled."""

    def __init__(self) -> None:
        self.cancelled = threading.Event()
        self.bodies: list[dict[str, Any]] = []
        self.history: dict[str, list[dict[str, Any]]] = {}
        self.pending: dict[str, dict[str, Any] | None] = {}
        self.holding: set[str] = set()  # threads whose "hold" run goes on
        self.follows: list[str] = []  # the Last-Event-ID of each GET /threads/{id}/stream

    def thread(self, thread_id: str) -> dict[str, Any]:
        """`GET /threads/{id}` as the agent API answers it: the messages so far and any pending booking."""
        return {"id": thread_id, "title": "Scripted", "messages": self.history.get(thread_id, []), "files": [],
                "pending_confirmation": self.pending.get(thread_id), "running": thread_id in self.holding}

    def follow(self, thread_id: str, last_event_id: str) -> Iterator[str]:
        """The rest of a "hold" run after the progress event: its end, once cancelled."""
        self.follows.append(last_event_id)
        if thread_id in self.holding:
            yield from self._held_end(thread_id)

    def events(self, body: dict[str, Any]) -> Iterator[str]:
        thread_id = body["thread_id"]
        history = self.history.setdefault(thread_id, [])
        if "message" in body:
            history.append({"role": "user", "content": body["message"]})
        for event in self._script(body):
            if "event: final\r\n" in event:
                final = json.loads(event.split("data: ", 1)[1])
                history.append({"role": "assistant", "content": final["answer"], "tool_calls": final["tool_calls"]})
                self.pending[thread_id] = final["confirmation"]
            yield event

    def _held_end(self, thread_id: str) -> Iterator[str]:
        self.cancelled.wait(30)
        self.holding.discard(thread_id)
        final = {"thread_id": thread_id, "answer": "Stopped on request.", "files": [], "confirmation": None,
                 "tool_calls": [{"id": "c1", "name": "run_container_check", "args": {}, "status": "interrupted"}]}
        yield _sse("final", final, "h3")

    def _script(self, body: dict[str, Any]) -> Iterator[str]:
        thread_id = body["thread_id"]
        final = {"thread_id": thread_id, "answer": "", "tool_calls": [], "files": [], "confirmation": None}
        if body.get("resume") == "approve":
            yield _sse("tool_start", {"id": "b1", "name": "book_appointment", "args": CONFIRMATION})
            yield _sse("tool_end", {"id": "b1", "name": "book_appointment", "status": "success",
                                    "summary": "booked #A-4711"})
            yield _sse("final", {**final, "answer": "Booked: appointment **#A-4711**.",
                                 "tool_calls": [{"id": "b1", "name": "book_appointment", "args": CONFIRMATION,
                                                 "status": "success"}]})
        elif body.get("resume") == "reject":
            yield _sse("final", {**final, "answer": "Not booked: you rejected it."})
        elif "book" in body.get("message", ""):
            yield _sse("tool_start", {"id": "b1", "name": "book_appointment", "args": CONFIRMATION})
            yield _sse("confirmation", CONFIRMATION)
            yield _sse("final", {**final, "answer": "Please approve or reject this booking.",
                                 "confirmation": CONFIRMATION,
                                 "tool_calls": [{"id": "b1", "name": "book_appointment", "args": CONFIRMATION,
                                                 "status": "awaiting_confirmation"}]})
        elif "hold" in body.get("message", ""):
            self.holding.add(thread_id)
            yield _sse("tool_start", {"id": "c1", "name": "run_container_check", "args": {}}, "h1")
            yield _sse("progress", {"tool": "run_container_check", "done": 1, "total": 4, "container": "X"}, "h2")
            yield from self._held_end(thread_id)
        else:
            call = {"id": "l1", "name": "list_containers", "args": {"status": "In Yard"}}
            yield _sse("tool_start", call)
            yield _sse("tool_end", {**call, "status": "success", "summary": "2 of 2 containers"})
            for piece in ["**2** of 2 containers ", "match.\n\n", TABLE[:30], TABLE[30:]]:
                yield _sse("token", {"text": piece})
            yield _sse("final", {**final, "answer": "**2** of 2 containers match.\n\n" + TABLE,
                                 "tool_calls": [{**call, "status": "success"}]})


@pytest.fixture(scope="module")
def scripted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ApiServer, ScriptedAssistant]]:
    tmp: Path = tmp_path_factory.mktemp("web-scripted")
    app = create_app(Settings(data_dir=tmp, database_url=sqlite_url(tmp)))
    assistant = ScriptedAssistant()

    async def ask_stream(request: Request) -> StreamingResponse:
        body = await request.json()
        assistant.bodies.append(body)
        return StreamingResponse(assistant.events(body), media_type="text/event-stream")

    def cancel(thread_id: str) -> dict[str, bool]:
        assistant.cancelled.set()
        return {"cancelled": True}

    def thread(thread_id: str) -> dict[str, Any]:
        return assistant.thread(thread_id)

    def follow(thread_id: str, request: Request) -> StreamingResponse:
        events = assistant.follow(thread_id, request.headers.get("last-event-id", ""))
        return StreamingResponse(events, media_type="text/event-stream")

    # Ahead of any real agent route, so this module always talks to the script.
    app.router.routes[0:0] = [APIRoute("/ask/stream", ask_stream, methods=["POST"]),
                              APIRoute("/threads/{thread_id}/cancel", cancel, methods=["POST"]),
                              APIRoute("/threads/{thread_id}/stream", follow, methods=["GET"]),
                              APIRoute("/threads/{thread_id}", thread, methods=["GET"])]
    with ApiServer(app) as server:
        yield server, assistant


@pytest.fixture(scope="module")
def chat(scripted: tuple[ApiServer, ScriptedAssistant], browser: Browser) -> ChatPage:
    return LoginPage.open(browser.driver, scripted[0].url).register(f"script-{uuid.uuid4().hex[:6]}", "passphrase!")


def test_tool_steps_then_streamed_tokens_render_a_table(chat: ChatPage) -> None:
    chat.send("list my containers in yard")
    assert chat.user_messages()[-1] == "list my containers in yard"
    answer = chat.wait_for_answer(30)
    assert chat.table_rows(answer) == [["Container", "Status"], ["MSDU5772413", "In Yard"],
                                       ["TGHU1234567", "On Vessel"]]
    assert chat.steps(answer) == [{"tool": "list_containers", "status": "success"}]
    step = chat.open_step(0)
    assert json.loads(step["args"]) == {"status": "In Yard"} and step["outcome"] == "2 of 2 containers"
    chat.screenshot(SCREENSHOTS, "scripted-table")
    assert chat.input_value == ""
    chat.wait_for_thread("New conversation")  # created on the first message


def test_confirmation_card_approve_and_reject(chat: ChatPage, scripted: tuple[ApiServer, ScriptedAssistant]) -> None:
    chat.send("book the first one")
    card = chat.wait_for_confirmation(30)
    assert "MSCU5165756" in card.text and "ITS Long Beach" in card.text and "7KRT481" in card.text
    assert chat.steps()[0]["status"] == "awaiting_confirmation"
    chat.screenshot(SCREENSHOTS, "scripted-confirmation")
    chat.decide("approve")
    answer = chat.wait_for_answer(30)
    assert "#A-4711" in chat.answer_text(answer)
    assert scripted[1].bodies[-1] == {"resume": "approve", "thread_id": scripted[1].bodies[-2]["thread_id"]}
    # the earlier answer's step is updated instead of drawn twice
    assert [s["status"] for s in chat.steps(chat.driver.find_elements(*ChatPage.ANSWERS)[-2])] == ["success"]
    chat.send("book another one")
    chat.decide("reject")
    assert "Not booked" in chat.answer_text(chat.wait_for_answer(30))
    assert scripted[1].bodies[-1]["resume"] == "reject"


def test_stop_cancels_on_the_server(chat: ChatPage, scripted: tuple[ApiServer, ScriptedAssistant]) -> None:
    chat.send("hold on, check everything")
    chat.wait_until_running()
    wait(chat.driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".step .progress"))
    chat.stop()
    answer = chat.wait_for_answer(30)
    assert scripted[1].cancelled.is_set()
    assert "Stopped" in chat.answer_text(answer)
    assert chat.steps(answer) == [{"tool": "run_container_check", "status": "interrupted"}]


def test_reload_restores_the_thread_and_the_pending_booking(chat: ChatPage) -> None:
    chat.new_conversation()
    chat.send("list my containers in yard")
    chat.wait_for_answer(30)
    chat.send("book this one")
    chat.wait_for_confirmation(30)
    chat.driver.refresh()
    chat = ChatPage(chat.driver)
    wait(chat.driver).until(lambda _: chat.user_messages() == ["list my containers in yard", "book this one"])
    assert chat.table_rows(chat.driver.find_elements(*ChatPage.ANSWERS)[0])[1] == ["MSDU5772413", "In Yard"]
    assert "MSCU5165756" in chat.wait_for_confirmation(10).text
    chat.decide("reject")
    assert "Not booked" in chat.answer_text(chat.wait_for_answer(30))


def test_reload_in_the_middle_of_an_answer_follows_it_after_the_last_event_drawn(
        chat: ChatPage, scripted: tuple[ApiServer, ScriptedAssistant]) -> None:
    scripted[1].cancelled.clear()
    chat.new_conversation()
    chat.send("hold while I reload")
    wait(chat.driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".step .progress"))
    chat.driver.refresh()
    chat = ChatPage(chat.driver)
    wait(chat.driver).until(lambda _: chat.user_messages() == ["hold while I reload"])
    chat.wait_until_running()
    wait(chat.driver).until(lambda _: scripted[1].follows)
    assert scripted[1].follows == ["h2"]  # the id of the progress event, the last one drawn before the reload
    chat.screenshot(SCREENSHOTS, "scripted-reloaded")
    scripted[1].cancelled.set()  # the server finishes the run the reload left behind
    wait(chat.driver, 30).until(lambda d: "Stopped on request." in d.find_element(*ChatPage.MESSAGES).text)
    assert not chat.is_running()
