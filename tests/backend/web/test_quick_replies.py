"""Quick replies in the page with the offline assistant against the sandbox portal: a list offers its containers,
offered slots offer "book the 08:00 one"; pressing one sends it as the next message, and the booking still waits
for approval."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.remote.webdriver import WebDriver

from backend.app import create_app
from backend.config import Settings
from sandbox.accounts import DISPATCH1
from tests.backend.web.conftest import SCREENSHOTS, Browser
from tests.backend.web.pages import ChatPage, LoginPage, wait
from tests.support.sandbox import SOLVER_KEY, start_sandbox
from tests.support.services import ApiServer, sqlite_url

pytestmark = pytest.mark.browser

ACTIONABLE = "MSCU5165756"
PLATE = "7KRT481"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An API of its own (offline model) over a sandbox of its own: no other test's booking is in the way."""
    sandbox, sandbox_url = start_sandbox(containers_per_account=20)
    tmp: Path = tmp_path_factory.mktemp("web-quick-replies")
    settings = Settings(data_dir=tmp, database_url=sqlite_url(tmp), portal_base_url=sandbox_url,
                        captcha_base_url=sandbox_url, captcha_poll_seconds=0.05, browser_pool_size=1,
                        page_timeout_seconds=30)
    try:
        with ApiServer(create_app(settings)) as server:
            yield server.url
    finally:
        sandbox.stop()


@pytest.fixture(scope="module")
def chat(app_url: str, browser: Browser) -> ChatPage:
    page = LoginPage.open(browser.driver, app_url).register(f"quick-{uuid.uuid4().hex[:6]}", "passphrase!")
    return page.add_account("K&R main", DISPATCH1.username, DISPATCH1.password, SOLVER_KEY)


def test_a_container_list_offers_its_containers(chat: ChatPage) -> None:
    chat.send("list my containers in yard")
    replies = chat.quick_replies(chat.wait_for_answer())
    assert replies and all(r.startswith("timeline of ") for r in replies)
    chat.press_quick_reply(replies[0])
    assert chat.user_messages()[-1] == replies[0]
    answer = chat.wait_for_answer()
    assert replies[0].removeprefix("timeline of ") in chat.answer_text(answer)
    assert "get_container_timeline" in {s["tool"] for s in chat.steps(answer)}
    assert chat.quick_replies(chat.driver.find_elements(*ChatPage.ANSWERS)[-2]) == []  # only the last answer's


def test_a_slot_pressed_still_waits_for_approval(chat: ChatPage) -> None:
    chat.new_conversation()
    chat.send(f"slots for {ACTIONABLE}, truck {PLATE}")
    replies = chat.quick_replies(chat.wait_for_answer())
    assert replies and all(r.startswith("book the ") for r in replies)
    chat.screenshot(SCREENSHOTS, "quick-replies-slots")
    chat.driver.refresh()  # the same buttons come back under the last answer after a reload
    chat = ChatPage(chat.driver)
    # The reloaded page draws the thread once it has fetched it (and may redraw it): read only what is there.
    def shown_again(driver: WebDriver) -> bool:
        try:
            return bool(driver.find_elements(*ChatPage.ANSWERS)) and chat.quick_replies() == replies
        except StaleElementReferenceException:
            return False

    wait(chat.driver).until(shown_again)
    chat.press_quick_reply(replies[-1])
    assert chat.user_messages()[-1] == replies[-1]
    card = chat.wait_for_confirmation()
    assert ACTIONABLE in card.text and PLATE in card.text
    assert chat.steps()[-1] == {"tool": "book_appointment", "status": "awaiting_confirmation"}
    assert chat.quick_replies() == []
    chat.decide("reject")
    assert "book" in chat.answer_text(chat.wait_for_answer()).lower()
