"""A reload during an answer: the page reattaches to the run's stream after the last event it drew and the answer
finishes on screen, without a new question. Real agent runs, a scripted model that holds its second answer."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from selenium.webdriver.common.by import By

from backend.app import create_app
from backend.config import Settings
from tests.backend.agent.scripted_model import FINAL, ScriptedModel
from tests.backend.web.conftest import SCREENSHOTS, Browser
from tests.backend.web.pages import ChatPage, LoginPage, wait
from tests.support.services import ApiServer, sqlite_url

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def model() -> Iterator[ScriptedModel]:
    scripted = ScriptedModel()
    yield scripted
    scripted.close()


@pytest.fixture(scope="module")
def server(model: ScriptedModel, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ApiServer]:
    tmp: Path = tmp_path_factory.mktemp("web-reattach")
    settings = Settings(data_dir=tmp, database_url=sqlite_url(tmp), llm_base_url=model.url,
                        llm_api_key="scripted-key", llm_model="scripted")
    with ApiServer(create_app(settings)) as api:
        yield api


def test_a_reload_during_an_answer_follows_it_to_the_end(
        server: ApiServer, model: ScriptedModel, browser: Browser) -> None:
    username, password = f"reattach-{uuid.uuid4().hex[:6]}", "passphrase!"
    chat = LoginPage.open(browser.driver, server.url).register(username, password)
    model.gate.clear()
    model.hold_after = model.calls + 1  # the first answer (a tool call) comes at once, the next one waits
    try:
        chat.send("am I logged in?")
        wait(chat.driver, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, '.step[data-status="error"]'))
        seen = chat.driver.execute_script(
            "return Object.keys(sessionStorage).filter((k) => k.startsWith('emodal-agent.event.')).length")
        assert seen == 1  # the id of the last event drawn is kept for this thread
        chat.driver.refresh()
        chat = ChatPage(chat.driver)
        wait(chat.driver).until(lambda _: chat.user_messages() == ["am I logged in?"])
        chat.wait_until_running()  # following the answer: Stop is offered, not Send
        chat.screenshot(SCREENSHOTS, "reattached-while-running")
    finally:
        model.gate.set()
    answer = chat.wait_for_answer(60)
    assert chat.answer_text(answer).strip() == FINAL
    assert chat.user_messages() == ["am I logged in?"]  # no new question was asked
    assert not chat.driver.find_elements(By.CSS_SELECTOR, ".msg-note")
    with httpx.Client(base_url=server.url) as http:
        tokens = http.post("/auth/login", data={"username": username, "password": password}).json()
        http.headers["Authorization"] = f"Bearer {tokens['access_token']}"
        thread = http.get(f"/threads/{http.get('/threads').json()[0]['id']}").json()
    assert [m["role"] for m in thread["messages"]].count("user") == 1 and not thread["running"]
    chat.driver.refresh()  # once it is over, a reload shows the thread and follows nothing
    chat = ChatPage(chat.driver)
    wait(chat.driver).until(lambda _: FINAL in chat.driver.find_element(*ChatPage.MESSAGES).text)
    assert not chat.is_running()
