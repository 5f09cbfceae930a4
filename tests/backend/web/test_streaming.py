"""The page draws an answer while it streams: a scripted `/ask/stream` sends part of the answer, holds, then
finishes; the page shows the part (Markdown rendered) before the final event, then the whole answer."""

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

HOLD_SECONDS = 30
FIRST = ["**3** of 12 ", "containers are ", "in the yard.\n\n", "| Container | LFD |\n", "|---|---|\n",
         "| MSCU5165756 | 11/24 |\n", "| TGHU1234567 |"]
REST = [" 11/25 |\n\nThe ", "third one ", "has a hold."]


def _sse(event: str, data: dict[str, Any]) -> str:
    return f"event: {event}\ndata: {json.dumps(data)}\n\n"


class HeldStream:
    """An answer streamed in pieces that stops halfway until the test lets it go on."""

    def __init__(self) -> None:
        self.halfway = threading.Event()
        self.go_on = threading.Event()

    def events(self, thread_id: str) -> Iterator[str]:
        for piece in FIRST:
            yield _sse("token", {"text": piece})
        self.halfway.set()
        self.go_on.wait(HOLD_SECONDS)
        for piece in REST:
            yield _sse("token", {"text": piece})
        yield _sse("final", {"thread_id": thread_id, "answer": "".join(FIRST + REST), "tool_calls": [],
                             "files": [], "confirmation": None, "quick_replies": ["timeline of MSCU5165756"]})


@pytest.fixture(scope="module")
def held(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ApiServer, HeldStream]]:
    tmp: Path = tmp_path_factory.mktemp("web-streaming")
    app = create_app(Settings(data_dir=tmp, database_url=sqlite_url(tmp)))
    stream = HeldStream()

    async def ask_stream(request: Request) -> StreamingResponse:
        body = await request.json()
        return StreamingResponse(stream.events(body["thread_id"]), media_type="text/event-stream")

    app.router.routes[0:0] = [APIRoute("/ask/stream", ask_stream, methods=["POST"])]
    with ApiServer(app) as server:
        yield server, stream


def test_the_answer_shows_while_it_streams(held: tuple[ApiServer, HeldStream], browser: Browser) -> None:
    server, stream = held
    chat: ChatPage = LoginPage.open(browser.driver, server.url).register(f"stream-{uuid.uuid4().hex[:6]}",
                                                                           "passphrase!")
    chat.send("which containers are in the yard?")
    assert stream.halfway.wait(HOLD_SECONDS)
    # Halfway: the text so far is on the page, its finished table rows already a table, the run still going.
    wait(chat.driver).until(lambda _: "in the yard." in chat.answer_text())
    assert chat.is_running()
    assert "has a hold" not in chat.answer_text()
    assert chat.table_rows()[:2] == [["Container", "LFD"], ["MSCU5165756", "11/24"]]
    bubble = chat.last_answer().find_element(By.CSS_SELECTOR, ".bubble")
    assert bubble.get_attribute("data-streaming") == "true"
    assert bubble.find_element(By.TAG_NAME, "strong").text == "3"
    chat.screenshot(SCREENSHOTS, "streaming-halfway")
    stream.go_on.set()
    answer = chat.wait_for_answer(HOLD_SECONDS)
    assert chat.answer_text(answer).endswith("The third one has a hold.")
    assert chat.table_rows(answer) == [["Container", "LFD"], ["MSCU5165756", "11/24"], ["TGHU1234567", "11/25"]]
    assert answer.find_element(By.CSS_SELECTOR, ".bubble").get_attribute("data-streaming") == "false"
    assert chat.quick_replies(answer) == ["timeline of MSCU5165756"]
