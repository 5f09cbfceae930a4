"""A booking waiting for approval in the page: the card comes back after a reload, and a rejection shows as one."""

from __future__ import annotations

import uuid

import pytest
from selenium.webdriver.common.by import By

from sandbox.accounts import DISPATCH1
from tests.backend.web.conftest import SCREENSHOTS, Browser, WebApp
from tests.backend.web.pages import ChatPage, LoginPage, wait
from tests.support.sandbox import SOLVER_KEY

pytestmark = pytest.mark.browser

TAKEN_BY_OTHER_TESTS = {"MSCU5165756"}


def _new_dispatcher(web_app: WebApp, browser: Browser, prefix: str) -> ChatPage:
    """A new user registered through the page (the tab's earlier login forgotten first)."""
    browser.driver.get(web_app.url + "/")
    browser.driver.execute_script("sessionStorage.clear()")
    return LoginPage.open(browser.driver, web_app.url).register(f"{prefix}-{uuid.uuid4().hex[:6]}", "passphrase!")


def _free_container(web_app: WebApp) -> str:
    """An import of dispatch1 ready to pick up at ITS with no appointment yet."""
    state = web_app.sandbox.state
    taken = {n for a in state.appointments(DISPATCH1.username) if a.status == "SCHEDULED" for n in a.containers}
    for container in reversed(state.data[DISPATCH1.username].containers):  # other tests take from the front
        if (container.known and container.trade_type == "IMPORT" and not container.holds
                and not container.pregate_ticket and not container.reached("Pregate") and container.destination == "ITS"
                and container.number not in taken | TAKEN_BY_OTHER_TESTS):
            return str(container.number)
    raise AssertionError("the sandbox has no free import at ITS")


def test_the_card_comes_back_after_a_reload_and_a_rejection_is_not_done(web_app: WebApp, browser: Browser) -> None:
    chat = _new_dispatcher(web_app, browser, "card")
    chat = chat.add_account("K&R main", DISPATCH1.username, DISPATCH1.password, SOLVER_KEY)
    number = _free_container(web_app)
    before = len(web_app.sandbox.state.appointments(DISPATCH1.username))
    chat.send(f"find me a slot for {number} tomorrow, truck {DISPATCH1.plates[2]}")
    chat.wait_for_answer()
    chat.send("book the first one")
    assert number in chat.wait_for_confirmation().text

    browser.driver.refresh()
    chat = ChatPage(browser.driver)
    card = chat.wait_for_confirmation()  # drawn from the thread's pending_confirmation
    assert number in card.text and DISPATCH1.plates[2] in card.text
    chat.screenshot(SCREENSHOTS, "booking-card-after-reload")

    chat.decide("reject")
    answer = chat.wait_for_answer()
    assert chat.answer_text(answer).startswith("Not booked")
    wait(browser.driver).until(lambda _: any(s["tool"] == "book_appointment" and s["status"] == "rejected"
                                             for s in chat.steps(answer)))
    step = answer.find_element(By.CSS_SELECTOR, '.step[data-tool="book_appointment"] .step-status')
    assert step.text != "done" and "rejected" in step.text
    assert len(web_app.sandbox.state.appointments(DISPATCH1.username)) == before

    browser.driver.refresh()
    chat = ChatPage(browser.driver)
    wait(browser.driver).until(lambda _: "Rejected." in chat.user_messages())
    statuses = [s["status"] for a in browser.driver.find_elements(*ChatPage.ANSWERS) for s in chat.steps(a)
                if s["tool"] == "book_appointment"]
    assert statuses == ["rejected"]
    assert not browser.driver.find_elements(By.CSS_SELECTOR, ".confirm-card:not([data-decision])")


def test_without_an_account_the_page_offers_to_add_one(web_app: WebApp, browser: Browser) -> None:
    chat = _new_dispatcher(web_app, browser, "new")
    offer = wait(browser.driver).until(lambda d: d.find_element(By.ID, "account-offer"))
    wait(browser.driver).until(lambda _: offer.is_displayed())
    assert "Add your E-Modal account first" in offer.text
    offer.find_element(By.ID, "account-offer-add").click()
    wait(browser.driver).until(lambda d: d.find_element(*ChatPage.ACCOUNT_DIALOG).is_displayed())
    browser.driver.find_element(By.ID, "account-cancel").click()
    chat.add_account("K&R main", DISPATCH1.username, DISPATCH1.password, SOLVER_KEY)
    wait(browser.driver).until(lambda _: not offer.is_displayed())


def test_a_typed_no_rejects_the_waiting_booking_and_settles_its_card(web_app: WebApp, browser: Browser) -> None:
    chat = _new_dispatcher(web_app, browser, "typed")
    chat = chat.add_account("K&R main", DISPATCH1.username, DISPATCH1.password, SOLVER_KEY)
    number = _free_container(web_app)
    chat.send(f"find me a slot for {number} tomorrow, truck {DISPATCH1.plates[1]}")
    chat.wait_for_answer()
    chat.send("book the first one")
    chat.wait_for_confirmation()
    chat.send("what about my holds?")  # not a decision: the booking keeps waiting, and the answer says so
    answer = chat.wait_for_answer()
    assert chat.answer_text(answer).startswith("This booking is still waiting for your decision")
    assert number in chat.wait_for_confirmation().text
    chat.send("no, don't book it")
    answer = chat.wait_for_answer()
    assert chat.answer_text(answer).startswith("Not booked")
    assert [s["status"] for s in chat.steps(answer) if s["tool"] == "book_appointment"] == ["rejected"]
    assert not browser.driver.find_elements(By.CSS_SELECTOR, ".confirm-card:not([data-decision])")
