"""Page objects of the web chat: the login screen, the app shell, the conversation (no assertions here)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

WAIT_SECONDS = 20
ANSWER_SECONDS = 180  # the first question logs into the sandbox portal (captcha included)


def wait(driver: WebDriver, seconds: float = WAIT_SECONDS) -> WebDriverWait[WebDriver]:
    """An explicit wait that retries when the page redrew the element it was looking at."""
    return WebDriverWait(driver, seconds, ignored_exceptions=(StaleElementReferenceException,))


class LoginPage:
    """The login and registration card."""

    SCREEN = (By.ID, "auth-screen")
    LOGIN_TAB = (By.ID, "tab-login")
    REGISTER_TAB = (By.ID, "tab-register")
    USERNAME = (By.ID, "auth-username")
    PASSWORD = (By.ID, "auth-password")
    SUBMIT = (By.ID, "auth-submit")
    ERROR = (By.ID, "auth-error")

    def __init__(self, driver: WebDriver):
        self.driver = driver
        wait(driver).until(ec.visibility_of_element_located(self.SCREEN))

    @classmethod
    def open(cls, driver: WebDriver, base_url: str) -> LoginPage:
        driver.get(base_url + "/")
        return cls(driver)

    def _fill(self, username: str, password: str) -> None:
        for locator, value in ((self.USERNAME, username), (self.PASSWORD, password)):
            field = self.driver.find_element(*locator)
            field.clear()
            field.send_keys(value)

    def register(self, username: str, password: str) -> ChatPage:
        self.driver.find_element(*self.REGISTER_TAB).click()
        self._fill(username, password)
        self.driver.find_element(*self.SUBMIT).click()
        return ChatPage(self.driver)

    def log_in(self, username: str, password: str) -> ChatPage:
        self.driver.find_element(*self.LOGIN_TAB).click()
        self._fill(username, password)
        self.driver.find_element(*self.PASSWORD).send_keys(Keys.ENTER)
        return ChatPage(self.driver)

    def log_in_failing(self, username: str, password: str) -> LoginPage:
        self.driver.find_element(*self.LOGIN_TAB).click()
        self._fill(username, password)
        self.driver.find_element(*self.SUBMIT).click()
        wait(self.driver).until(ec.visibility_of_element_located(self.ERROR))
        return self

    @property
    def error(self) -> str:
        element = self.driver.find_element(*self.ERROR)
        return element.text if element.is_displayed() else ""


class ChatPage:
    """The app shell: header, sidebar (threads, accounts) and the conversation."""

    APP = (By.ID, "app-screen")
    USER_NAME = (By.ID, "user-name")
    PORTAL_STATE = (By.ID, "portal-state")
    ACCOUNT_SELECT = (By.ID, "account-select")
    LOGOUT = (By.ID, "logout-button")
    NEW_THREAD = (By.ID, "new-thread")
    THREAD_ITEMS = (By.CSS_SELECTOR, "#thread-list .thread-item")
    THREAD_TITLE = (By.ID, "thread-title")
    ADD_ACCOUNT = (By.ID, "add-account")
    ACCOUNT_DIALOG = (By.ID, "account-dialog")
    ACCOUNT_ITEMS = (By.CSS_SELECTOR, "#account-list .account-item")
    ASK_DIALOG = (By.ID, "ask-dialog")
    ASK_INPUT = (By.ID, "ask-dialog-input")
    ASK_OK = (By.ID, "ask-dialog-ok")
    INPUT = (By.ID, "message-input")
    SEND = (By.ID, "send-button")
    STOP = (By.ID, "stop-button")
    MESSAGES = (By.ID, "messages")
    USER_MESSAGES = (By.CSS_SELECTOR, "#messages .msg-user .bubble")
    ANSWERS = (By.CSS_SELECTOR, "#messages .msg-assistant")
    NOTICE = (By.ID, "notice")
    SIDEBAR_TOGGLE = (By.ID, "sidebar-toggle")
    SIDEBAR = (By.ID, "sidebar")

    def __init__(self, driver: WebDriver):
        self.driver = driver
        wait(driver).until(ec.visibility_of_element_located(self.APP))
        wait(driver).until(lambda d: d.find_element(*self.USER_NAME).get_attribute("textContent"))

    # ------------------------------------------------------------ header
    @property
    def user_name(self) -> str:
        return str(self.driver.find_element(*self.USER_NAME).get_attribute("textContent"))

    @property
    def portal_state(self) -> str:
        return str(self.driver.find_element(*self.PORTAL_STATE).get_attribute("data-state"))

    @property
    def portal_text(self) -> str:
        return str(self.driver.find_element(*self.PORTAL_STATE).text)

    @property
    def selected_account(self) -> str:
        select = self.driver.find_element(*self.ACCOUNT_SELECT)
        return str(self.driver.execute_script("return arguments[0].selectedOptions[0].textContent", select))

    def log_out(self) -> LoginPage:
        self.driver.find_element(*self.LOGOUT).click()
        return LoginPage(self.driver)

    # ------------------------------------------------------------ accounts
    def add_account(self, label: str, username: str, password: str, captcha_key: str) -> ChatPage:
        count = len(self.driver.find_elements(*self.ACCOUNT_ITEMS))
        self.driver.find_element(*self.ADD_ACCOUNT).click()
        dialog = wait(self.driver).until(ec.visibility_of_element_located(self.ACCOUNT_DIALOG))
        for field, value in (("account-label", label), ("account-username", username),
                             ("account-password", password), ("account-captcha", captcha_key)):
            dialog.find_element(By.ID, field).send_keys(value)
        dialog.find_element(By.ID, "account-save").click()
        wait(self.driver).until(lambda d: len(d.find_elements(*self.ACCOUNT_ITEMS)) == count + 1)
        return self

    def accounts(self) -> list[dict[str, str]]:
        return list(self.driver.execute_script(
            "return [...document.querySelectorAll('#account-list .account-item')].map((item) => ({"
            "label: item.querySelector('.account-name').textContent, active: item.dataset.active}))"))

    def _account(self, label: str) -> WebElement:
        for item in self.driver.find_elements(*self.ACCOUNT_ITEMS):
            if item.find_element(By.CSS_SELECTOR, ".account-name").get_attribute("textContent") == label:
                return item
        raise LookupError(label)

    def switch_account(self, label: str) -> ChatPage:
        self._click_in(self._account, label, ".account-use")
        wait(self.driver).until(lambda _: self._account(label).get_attribute("data-active") == "true")
        return self

    def remove_account(self, label: str) -> ChatPage:
        count = len(self.driver.find_elements(*self.ACCOUNT_ITEMS))
        self._click_in(self._account, label, ".account-remove")
        self._confirm()
        wait(self.driver).until(lambda d: len(d.find_elements(*self.ACCOUNT_ITEMS)) == count - 1)
        return self

    # ------------------------------------------------------------ threads
    def _confirm(self, text: str | None = None) -> None:
        wait(self.driver).until(ec.visibility_of_element_located(self.ASK_DIALOG))
        if text is not None:
            field = self.driver.find_element(*self.ASK_INPUT)
            field.send_keys(Keys.CONTROL, "a")
            field.send_keys(text)
            field.send_keys(Keys.ENTER)
        else:
            self.driver.find_element(*self.ASK_OK).click()
        wait(self.driver).until(ec.invisibility_of_element_located(self.ASK_DIALOG))

    def thread_titles(self) -> list[str]:
        return list(self.driver.execute_script(
            "return [...document.querySelectorAll('#thread-list .thread-open')].map((b) => b.textContent)"))

    def _click_in(self, finder: Any, name: str, selector: str) -> None:
        """Click a button of a list row; the list may be redrawn meanwhile, so look it up again until it works."""
        def click(_: WebDriver) -> bool:
            finder(name).find_element(By.CSS_SELECTOR, selector).click()
            return True
        wait(self.driver).until(click)

    def current_thread_title(self) -> str:
        return str(self.driver.find_element(*self.THREAD_TITLE).text)

    def _thread(self, title: str) -> WebElement:
        for item in self.driver.find_elements(*self.THREAD_ITEMS):
            if item.find_element(By.CSS_SELECTOR, ".thread-open").get_attribute("textContent") == title:
                return item
        raise LookupError(title)

    def wait_for_thread(self, title: str) -> ChatPage:
        wait(self.driver).until(lambda _: title in self.thread_titles())
        return self

    def new_conversation(self) -> ChatPage:
        self.driver.find_element(*self.NEW_THREAD).click()
        wait(self.driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#messages .welcome"))
        return self

    def open_thread(self, title: str) -> ChatPage:
        self._click_in(self._thread, title, ".thread-open")
        wait(self.driver).until(lambda _: self.current_thread_title() == title)
        return self

    def rename_thread(self, title: str, new_title: str) -> ChatPage:
        self._click_in(self._thread, title, ".thread-rename")
        self._confirm(new_title)
        return self.wait_for_thread(new_title)

    def delete_thread(self, title: str) -> ChatPage:
        self._click_in(self._thread, title, ".thread-delete")
        self._confirm()
        wait(self.driver).until(lambda _: title not in self.thread_titles())
        return self

    # ------------------------------------------------------------ conversation
    def type_message(self, text: str) -> ChatPage:
        self.driver.find_element(*self.INPUT).send_keys(text)
        return self

    def send(self, text: str) -> ChatPage:
        """Type the message and press Enter (the page's keyboard shortcut)."""
        answers = len(self.driver.find_elements(*self.ANSWERS))
        self.type_message(text)
        self.driver.find_element(*self.INPUT).send_keys(Keys.ENTER)
        wait(self.driver).until(lambda d: len(d.find_elements(*self.ANSWERS)) > answers)
        return self

    @property
    def input_value(self) -> str:
        return str(self.driver.find_element(*self.INPUT).get_attribute("value"))

    def user_messages(self) -> list[str]:
        return [e.text for e in self.driver.find_elements(*self.USER_MESSAGES)]

    def last_answer(self) -> WebElement:
        return self.driver.find_elements(*self.ANSWERS)[-1]

    def is_running(self) -> bool:
        return self.driver.find_element(*self.STOP).is_displayed()

    def wait_until_running(self) -> ChatPage:
        wait(self.driver).until(lambda _: self.is_running())
        return self

    def wait_for_answer(self, seconds: float = ANSWER_SECONDS) -> WebElement:
        """The last answer once the run is over (Send is back)."""
        wait(self.driver, seconds).until(lambda d: d.find_element(*self.SEND).is_displayed())
        return self.last_answer()

    def answer_text(self, answer: WebElement | None = None) -> str:
        answer = answer or self.last_answer()
        return str(answer.find_element(By.CSS_SELECTOR, ".bubble").text)

    def steps(self, answer: WebElement | None = None) -> list[dict[str, str]]:
        answer = answer or self.last_answer()
        return [{"tool": str(s.get_attribute("data-tool")), "status": str(s.get_attribute("data-status"))}
                for s in answer.find_elements(By.CSS_SELECTOR, ".step")]

    def open_step(self, index: int = 0) -> dict[str, str]:
        step = self.last_answer().find_elements(By.CSS_SELECTOR, ".step")[index]
        step.find_element(By.TAG_NAME, "summary").click()
        return {"args": step.find_element(By.CSS_SELECTOR, ".step-args").text,
                "outcome": step.find_element(By.CSS_SELECTOR, ".step-outcome").text}

    def table_rows(self, answer: WebElement | None = None) -> list[list[str]]:
        answer = answer or self.last_answer()
        return [[c.text for c in row.find_elements(By.CSS_SELECTOR, "th, td")]
                for row in answer.find_elements(By.CSS_SELECTOR, "table tr")]

    def wait_for_confirmation(self, seconds: float = ANSWER_SECONDS) -> WebElement:
        return wait(self.driver, seconds).until(ec.visibility_of_element_located(
            (By.CSS_SELECTOR, ".confirm-card:not([data-decision])")))

    def decide(self, decision: str) -> ChatPage:
        card = self.wait_for_confirmation()
        answers = len(self.driver.find_elements(*self.ANSWERS))
        card.find_element(By.CSS_SELECTOR, f".confirm-{decision}").click()
        wait(self.driver).until(lambda d: len(d.find_elements(*self.ANSWERS)) > answers)
        return self

    def quick_replies(self, answer: WebElement | None = None) -> list[str]:
        """The texts of the quick-reply buttons under an answer."""
        answer = answer or self.last_answer()
        return [str(b.get_attribute("data-reply")) for b in answer.find_elements(By.CSS_SELECTOR, ".quick-reply")]

    def press_quick_reply(self, text: str) -> ChatPage:
        """Press the quick reply with this text; it is sent like a typed message."""
        answers = len(self.driver.find_elements(*self.ANSWERS))
        button = next(b for b in self.last_answer().find_elements(By.CSS_SELECTOR, ".quick-reply")
                      if b.get_attribute("data-reply") == text)
        button.click()
        wait(self.driver).until(lambda d: len(d.find_elements(*self.ANSWERS)) > answers)
        return self

    def file_links(self, answer: WebElement | None = None) -> list[WebElement]:
        answer = answer or self.last_answer()
        return list(answer.find_elements(By.CSS_SELECTOR, ".file-link"))

    def download(self, link: WebElement) -> dict[str, Any]:
        link.click()
        wait(self.driver, 60).until(lambda _: link.get_attribute("data-state") in ("done", "error"))
        return {"state": link.get_attribute("data-state"), "bytes": int(link.get_attribute("data-bytes") or 0)}

    def images(self, answer: WebElement | None = None) -> list[WebElement]:
        answer = answer or self.last_answer()
        return list(answer.find_elements(By.CSS_SELECTOR, "img[data-file-url]"))

    def stop(self) -> ChatPage:
        self.driver.find_element(*self.STOP).click()
        return self

    @property
    def notice(self) -> str:
        element = self.driver.find_element(*self.NOTICE)
        return element.text if element.is_displayed() else ""

    # ------------------------------------------------------------ layout
    def toggle_sidebar(self) -> ChatPage:
        self.driver.find_element(*self.SIDEBAR_TOGGLE).click()
        return self

    def screenshot(self, folder: Path, name: str) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name}.png"
        self.driver.save_screenshot(str(path))
        return path
