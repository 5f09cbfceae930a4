"""The identity page (`Account/Login`) with its reCAPTCHA, and the app shell reached after it."""

from __future__ import annotations

import logging
from typing import Any, ClassVar

from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from EModal.captcha import CaptchaSolver
from EModal.errors import AccountLockedError, CaptchaError, InvalidCredentialsError, PortalUnavailableError
from EModal.pages.base import BasePage, Locator, error_page_problem
from EModal.pages.recaptcha import RecaptchaWidget
from EModal.pages.welcome import WelcomePage

log = logging.getLogger(__name__)

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

# Captcha failures after which the widget's own audio challenge is worth a try (a bad key or balance is not).
_FALL_BACK_TO_AUDIO = (CaptchaError.UNSOLVABLE, CaptchaError.TIMEOUT, CaptchaError.REJECTED)


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
    HIDDEN_TOKEN: ClassVar[Locator] = (By.ID, "hdnToken")
    SIGNED_OUT_FORM = None
    ENABLE_WAIT_SECONDS: ClassVar[float] = 5.0
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
        """Fill the form, solve the captcha (token first, the audio challenge if that fails), submit; the app shell.

        The sign-on then hops through the identity site back to the app (`signin-oidc`); a first login may show
        the welcome page, which is continued through.
        """
        try:
            outcome = self._submit_with_token(username, password, solver)
        except CaptchaError as error:
            if error.reason not in _FALL_BACK_TO_AUDIO:
                raise
            outcome = error
        if isinstance(outcome, CaptchaError) and outcome.reason in _FALL_BACK_TO_AUDIO:
            outcome = self._submit_with_audio(username, password, solver)
        if isinstance(outcome, Exception):
            raise outcome
        if outcome == "welcome":
            WelcomePage(self.driver, self.timeout).go_on()
        shell = PortalShell(self.driver, self.timeout)
        shell.close_popups()
        return shell

    def _fill(self, username: str, password: str) -> RecaptchaWidget:
        for locator, value in ((self.USERNAME, username), (self.PASSWORD, password)):
            field = self.find(locator)
            field.clear()
            field.send_keys(value)
        return RecaptchaWidget(self.driver, self.timeout)

    def _submit_with_token(self, username: str, password: str, solver: CaptchaSolver) -> Any:
        """2captcha's documented way: a token for the site key and page, into the widget, then its callback."""
        widget = self._fill(username, password)
        token = solver.solve_recaptcha(site_key=widget.site_key(), page_url=self.driver.current_url)
        called = widget.apply_token(token)
        if not called:
            log.info("no captcha callback found; submitting the token as the form holds it")
        return self._press_login(wait_for_callback=called)

    def _submit_with_audio(self, username: str, password: str, solver: CaptchaSolver) -> Any:
        """The widget's own way: click the checkbox and, if a challenge opens, answer its audio version."""
        self.wait_loaded()  # a refused token reloads the form
        widget = self._fill(username, password)
        widget.solve_by_audio(solver)
        return self._press_login()

    def _press_login(self, *, wait_for_callback: bool = True) -> Any:
        """Wait for the widget's callback to enable #btnLogin, press it, wait for the app, the welcome or a refusal."""
        button = self._enabled_login_button() if wait_for_callback else None
        if button is None:
            # The known automation of the real portal enables the button itself; the server judges the token.
            log.warning("login button not enabled by a captcha callback; enabling it")
            button = self.find(self.LOGIN_BUTTON)
            self.driver.execute_script("arguments[0].disabled = false; arguments[0].removeAttribute('disabled');",
                                       button)
        self.js_click(button)
        return self.wait_for_any(self._logged_in_or_refused, what="the login to complete")

    def _enabled_login_button(self) -> WebElement | None:
        """#btnLogin once the callback has enabled it, or None after a short wait."""
        try:
            button: WebElement = self.wait_for_any(
                lambda d: (b := d.find_element(*self.LOGIN_BUTTON)).is_enabled() and b,
                what="the login button to enable", timeout=min(self.timeout, self.ENABLE_WAIT_SECONDS))
        except PortalUnavailableError:
            return None
        return button

    def _logged_in_or_refused(self, driver: WebDriver) -> Any:
        if driver.find_elements(*PortalShell.USER_BUTTON) and driver.find_elements(*PortalShell.TOOLBAR):
            return True
        if WelcomePage.is_shown(driver):
            return "welcome"
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
