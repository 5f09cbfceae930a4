"""The identity page (`Account/Login`) with its reCAPTCHA, and the app shell reached after it."""

from __future__ import annotations

from typing import Any, ClassVar

from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from EModal.captcha import CaptchaSolver
from EModal.errors import AccountLockedError, CaptchaError, InvalidCredentialsError
from EModal.pages.base import BasePage, Locator, error_page_problem

# Texts the identity page shows after a refused login, lower-cased, mapped to what they mean.
_REFUSALS: tuple[tuple[str, str], ...] = (
    ("account locked", "locked"),
    ("account is locked", "locked"),
    ("invalid username or password", "credentials"),
    ("access denied", "credentials"),
    ("invalid captcha", "captcha"),
    ("captcha verification failed", "captcha"),
    ("captcha failed", "captcha"),
)

_INSERT_TOKEN_JS = """
const [token] = arguments;
const area = document.querySelector('textarea#g-recaptcha-response');
area.value = token; area.innerHTML = token;
document.querySelector('#hdnToken').value = token;
const button = document.querySelector('#btnLogin');
button.disabled = false; button.removeAttribute('disabled');
"""


class PortalShell(BasePage):
    """Any page of the logged-in Angular app: its toolbar and user button are showing."""

    TOOLBAR: ClassVar[Locator] = (By.CSS_SELECTOR, "mat-toolbar")
    USER_BUTTON: ClassVar[Locator] = (By.CSS_SELECTOR, "button[class*='user']")
    POPUP_BUTTONS: ClassVar[Locator] = (
        By.XPATH,
        "//button[normalize-space(.)='Continue' or normalize-space(.)='OK' or normalize-space(.)='Got it']",
    )
    LOADED = USER_BUTTON

    def is_loaded(self) -> bool:
        """Whether the toolbar and the user button show."""
        return bool(self.driver.find_elements(*self.TOOLBAR) and self.driver.find_elements(*self.USER_BUTTON))

    def close_popups(self) -> None:
        """Close Continue / OK / "Got it" popups that are showing (none is waited for)."""
        for button in self.driver.find_elements(*self.POPUP_BUTTONS):
            if button.is_displayed():
                self.js_click(button)


class KeepAlivePage(BasePage):
    """The trucker portal's landing page, visited only to keep a login warm."""

    def shows_login_form(self) -> bool:
        """Whether the visit bounced to the login form (the login is gone)."""
        return bool(self.driver.find_elements(*LoginPage.USERNAME))


class LoginPage(BasePage):
    """The identity page's login form."""

    USERNAME: ClassVar[Locator] = (By.ID, "Username")
    PASSWORD: ClassVar[Locator] = (By.ID, "Password")
    LOGIN_BUTTON: ClassVar[Locator] = (By.ID, "btnLogin")
    RECAPTCHA: ClassVar[Locator] = (By.CSS_SELECTOR, "div.g-recaptcha[data-sitekey]")
    RECAPTCHA_RESPONSE: ClassVar[Locator] = (By.CSS_SELECTOR, "textarea#g-recaptcha-response")
    HIDDEN_TOKEN: ClassVar[Locator] = (By.ID, "hdnToken")
    LOADED = USERNAME

    @classmethod
    def open(cls, driver: WebDriver, url: str, timeout: float) -> LoginPage | PortalShell:
        """Go to the login entry; a login still alive in the cookie jar lands on the app instead."""
        driver.get(url)
        page = _wait_login_or_shell(driver, timeout)
        if page == "shell":
            return PortalShell(driver, timeout)
        return cls(driver, timeout)

    def login(self, username: str, password: str, solver: CaptchaSolver) -> PortalShell:
        """Fill the form, solve the captcha, submit; return the app shell or raise why not."""
        site_key = self.find(self.RECAPTCHA).get_attribute("data-sitekey") or ""
        token = solver.solve_recaptcha(site_key=site_key, page_url=self.driver.current_url)
        for locator, value in ((self.USERNAME, username), (self.PASSWORD, password)):
            field = self.find(locator)
            field.clear()
            field.send_keys(value)
        self.driver.execute_script(_INSERT_TOKEN_JS, token)
        self.js_click(self.find(self.LOGIN_BUTTON))
        outcome = self.wait_for_any(self._logged_in_or_refused, what="the login to complete")
        if isinstance(outcome, Exception):
            raise outcome
        shell = PortalShell(self.driver, self.timeout)
        shell.close_popups()
        return shell

    def _logged_in_or_refused(self, driver: WebDriver) -> Any:
        if driver.find_elements(*PortalShell.USER_BUTTON) and driver.find_elements(*PortalShell.TOOLBAR):
            return True
        problem = error_page_problem(driver)
        if problem is not None:
            return problem
        if not driver.find_elements(*self.USERNAME):
            return False  # between pages
        text = driver.execute_script("return document.body ? document.body.innerText : ''") or ""
        return refusal_error(text)


def refusal_error(page_text: str) -> Exception | None:
    """The error a refused-login page text stands for, or None when it shows none."""
    lowered = page_text.lower()
    for phrase, meaning in _REFUSALS:
        if phrase not in lowered:
            continue
        line = next((ln.strip() for ln in page_text.splitlines() if phrase in ln.lower()), phrase)
        if meaning == "locked":
            return AccountLockedError(line)
        if meaning == "credentials":
            return InvalidCredentialsError(line)
        return CaptchaError(CaptchaError.REJECTED, line)
    return None


def _wait_login_or_shell(driver: WebDriver, timeout: float) -> str:
    def state(d: WebDriver) -> Any:
        if d.find_elements(*LoginPage.USERNAME):
            return "login"
        if d.find_elements(*PortalShell.USER_BUTTON) and d.find_elements(*PortalShell.TOOLBAR):
            return "shell"
        return error_page_problem(d) or False

    try:
        outcome = WebDriverWait(driver, timeout, poll_frequency=0.1).until(state)
    except TimeoutException:
        outcome = error_page_problem(driver) or "login"  # LoginPage's own check will report the timeout
    if isinstance(outcome, Exception):
        raise outcome
    return str(outcome)
