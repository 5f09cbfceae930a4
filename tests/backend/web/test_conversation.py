"""Whole conversations in the page with the offline assistant against the sandbox portal: streamed answers,
tables, bookings approved and rejected, the Excel download, a reload in the middle of an answer, Stop."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from selenium.webdriver.common.by import By

from backend.app import create_app
from backend.config import Settings
from domain import local_today
from sandbox.accounts import DISPATCH1
from tests.backend.web.conftest import SCREENSHOTS, Browser, WebApp
from tests.backend.web.pages import ANSWER_SECONDS, ChatPage, LoginPage, wait
from tests.support.sandbox import SOLVER_KEY, chaos

PREGATED = "MSDU5772413"
ACTIONABLE = "MSCU5165756"
PLATE = "7KRT481"


def _has_agent_api() -> bool:
    paths = set(create_app(Settings()).openapi()["paths"])
    return {"/ask/stream", "/threads/{thread_id}/cancel"} <= paths


pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not _has_agent_api(), reason="POST /ask/stream and POST /threads/{id}/cancel (issue 5's "
                       "agent API) are not routed by backend.app yet; the page's side is covered by "
                       "test_stream_protocol.py"),
]


@pytest.fixture(scope="module")
def chat(web_app: WebApp, browser: Browser) -> ChatPage:
    """A dispatcher registered through the page, with the sandbox's dispatch1 account added."""
    page = LoginPage.open(browser.driver, web_app.url).register(f"disp-{uuid.uuid4().hex[:6]}", "passphrase!")
    return page.add_account("K&R main", DISPATCH1.username, DISPATCH1.password, SOLVER_KEY)


def test_pregate_answer_is_streamed_with_its_steps_and_screenshot(chat: ChatPage) -> None:
    chat.send(f"has {PREGATED} passed pregate?")
    chat.wait_until_running()
    answer = chat.wait_for_answer()
    text = chat.answer_text(answer)
    assert PREGATED in text and "Pregate" in text
    steps = chat.steps(answer)
    assert steps and all(s["status"] == "success" for s in steps)
    assert "get_container_timeline" in {s["tool"] for s in steps}
    images = chat.images(answer)
    if images:  # the timeline screenshot, fetched with the token and shown inline
        wait(chat.driver, 30).until(lambda _: images[0].get_attribute("data-state") == "done")
        assert chat.driver.execute_script("return arguments[0].naturalWidth", images[0]) > 0
    wait(chat.driver, 30).until(lambda _: chat.portal_state == "connected")
    chat.wait_for_thread(chat.current_thread_title())
    chat.screenshot(SCREENSHOTS, "conversation-pregate")


def test_containers_in_yard_come_as_a_table(chat: ChatPage) -> None:
    chat.send("list my containers in yard")
    answer = chat.wait_for_answer()
    rows = chat.table_rows(answer)
    assert rows and rows[0][0] == "Container" and len(rows) > 1
    assert all(len(row) == len(rows[0]) for row in rows)
    chat.screenshot(SCREENSHOTS, "conversation-table")


def test_booking_rejected_books_nothing(chat: ChatPage, web_app: WebApp) -> None:
    # Before the approval below: once booked, the container is skipped (it already has an appointment).
    before = len(web_app.sandbox.state.appointments(DISPATCH1.username))
    chat.new_conversation()
    chat.send(f"appointments for {ACTIONABLE} with truck 8KRT223")
    chat.wait_for_answer()
    chat.send("book the second one")
    chat.decide("reject")
    answer = chat.wait_for_answer()
    assert chat.answer_text(answer).startswith("Not booked")
    assert len(web_app.sandbox.state.appointments(DISPATCH1.username)) == before
    assert not chat.driver.find_elements(By.CSS_SELECTOR, ".confirm-card:not([data-decision])")


def test_booking_approved_shows_the_appointment_number(chat: ChatPage, web_app: WebApp) -> None:
    chat.new_conversation()
    chat.send(f"slots for {ACTIONABLE} tomorrow morning, truck {PLATE}")
    tomorrow = local_today() + timedelta(days=1)  # the terminal's tomorrow, as the assistant reads it
    assert tomorrow.strftime("%m/%d/%Y") in chat.answer_text(chat.wait_for_answer())
    chat.send("book the first one")
    card = chat.wait_for_confirmation()
    assert ACTIONABLE in card.text and PLATE in card.text
    chat.screenshot(SCREENSHOTS, "conversation-confirmation")
    chat.decide("approve")
    answer = chat.wait_for_answer()
    number = web_app.sandbox.state.appointments(DISPATCH1.username)[0].number
    assert number in chat.answer_text(answer)
    chat.screenshot(SCREENSHOTS, "conversation-booked")


def test_excel_export_downloads_through_the_token(chat: ChatPage, browser: Browser) -> None:
    chat.send("export my containers to excel")
    answer = chat.wait_for_answer()
    links = [link for link in chat.file_links(answer) if ".xlsx" in link.text]
    assert links, chat.answer_text(answer)
    result = chat.download(links[0])
    assert result["state"] == "done" and result["bytes"] > 0
    wait(chat.driver, 30).until(lambda _: [p for p in browser.downloads.glob("*.xlsx")])
    saved = next(browser.downloads.glob("*.xlsx"))
    wait(chat.driver, 30).until(lambda _: saved.stat().st_size == result["bytes"])
    sheet = load_workbook(saved).active
    assert sheet is not None and sheet.max_row > 1


def test_reload_in_the_middle_of_an_answer_restores_the_thread(chat: ChatPage) -> None:
    chat.new_conversation()
    chat.send("run the full container check")  # returns once the question is on screen and the run started
    chat.driver.refresh()
    chat = ChatPage(chat.driver)
    wait(chat.driver).until(lambda _: "run the full container check" in chat.user_messages())
    # The same thread is open again, under the title the server gave it from the first message.
    assert chat.current_thread_title() == "run the full container check"
    # The rest of the answer arrives from the server, or the page says it is still coming.
    wait(chat.driver, ANSWER_SECONDS).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, ".msg-note") or chat.answer_text().strip())
    chat.screenshot(SCREENSHOTS, "conversation-reloaded")


def test_stop_cancels_the_run(chat: ChatPage, web_app: WebApp) -> None:
    chat.new_conversation()
    chaos(web_app.sandbox_url, "latency", seconds=1.0)  # a slow portal, so the run is still going when Stop is hit
    try:
        chat.send("run the full check")
        chat.wait_until_running()
        wait(chat.driver, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".step"))
        chat.stop()
        answer = chat.wait_for_answer(60)
    finally:
        chaos(web_app.sandbox_url, "latency", seconds=0)
    assert "Stopped" in chat.answer_text(answer)


def test_narrow_screen_conversation(chat: ChatPage) -> None:
    chat.open_thread(chat.thread_titles()[-1])  # the pregate answer, with its screenshot
    chat.driver.set_window_size(390, 844)
    try:
        chat.screenshot(SCREENSHOTS, "conversation-narrow")
        assert chat.driver.execute_script("return document.documentElement.scrollWidth") <= 390
    finally:
        chat.driver.set_window_size(1280, 900)
