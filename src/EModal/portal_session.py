"""One browser logged into E-Modal for one account: login, re-login once, browser replacement."""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable
from typing import TypeVar

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.remote.webdriver import WebDriver

from EModal.appointments import AppointmentSession
from EModal.browser import Browser
from EModal.captcha import CaptchaSolver
from EModal.config import ConnectorConfig
from EModal.errors import BrowserGoneError, EModalError, LoginExpiredError
from EModal.pages.login import KeepAlivePage, LoginPage
from EModal.recorder import PortalSessionRecorder
from EModal.records import Credentials

log = logging.getLogger(__name__)

T = TypeVar("T")


class PortalSession:
    """A logged-in browser; its id changes whenever a new login replaces the old one."""

    def __init__(
        self,
        *,
        account_key: str,
        credentials: Credentials,
        config: ConnectorConfig,
        recorder: PortalSessionRecorder,
        stop: threading.Event,
        browser_factory: Callable[[ConnectorConfig], Browser] = Browser,
        adopt: tuple[Browser, str] | None = None,
    ) -> None:
        self.account_key = account_key
        self.config = config
        self._credentials = credentials
        self._recorder = recorder
        self._stop = stop
        self._browser_factory = browser_factory
        # One operation at a time per browser; the pool and the keep-alive both take this lock.
        self.lock = threading.RLock()
        self.id = ""
        self.created_at = time.time()
        self.last_used = time.monotonic()
        self.closed = False
        # `adopt`: a browser already logged in (by another process) and its portal session id; no new login.
        self.browser: Browser = adopt[0] if adopt else browser_factory(config)
        if adopt:
            self.id = adopt[1]
        self.appointment_sessions: dict[str, AppointmentSession] = {}

    @property
    def driver(self) -> WebDriver:
        """The WebDriver of the current browser."""
        return self.browser.driver

    def matches(self, credentials: Credentials) -> bool:
        """Whether these credentials are the ones this session logged in with."""
        return credentials == self._credentials

    def start(self) -> str:
        """Log in for the first time and record the new portal session."""
        self._login()
        self._recorder.portal_session_started(self.account_key, self.id, remote=self.browser.remote_session)
        return self.id

    def _login(self) -> None:
        solver = CaptchaSolver(
            base_url=self.config.captcha_base_url,
            api_key=self._credentials.captcha_api_key,
            poll_seconds=self.config.captcha_poll_seconds,
            timeout_seconds=self.config.captcha_timeout_seconds,
            stop=self._stop,
        )
        try:
            page = LoginPage.open(self.driver, self.config.portal.login, self.config.page_timeout_seconds)
            if isinstance(page, LoginPage):
                page.login(self._credentials.username, self._credentials.password, solver)
        finally:
            solver.close()
        self.id = uuid.uuid4().hex
        self.last_used = time.monotonic()

    def run(self, operation: Callable[[WebDriver], T]) -> T:
        """Run an operation (lock held by the caller), re-logging in once if the login expired."""
        self._revive_if_dead()
        try:
            result = self._call(operation)
        except LoginExpiredError:
            self._recover("login expired")
            result = self._call(operation)
        except BrowserGoneError:
            self._replace_browser()
            self._recover("browser replaced")
            result = self._call(operation)
        self.touch()
        return result

    def touch(self) -> None:
        """Mark the session used now and tell the recorder."""
        self.last_used = time.monotonic()
        self._recorder.portal_session_used(self.account_key, self.id)

    def _call(self, operation: Callable[[WebDriver], T]) -> T:
        try:
            return operation(self.driver)
        except EModalError:
            raise
        except WebDriverException as exc:
            if not self.browser.is_alive():
                raise BrowserGoneError(type(exc).__name__) from None
            raise

    def _revive_if_dead(self) -> None:
        if self.browser.is_alive():
            return
        log.warning("portal session %s: browser gone, starting a new one", self.id)
        self._replace_browser()
        self._recover("browser replaced")

    def _replace_browser(self) -> None:
        self.browser.quit()
        self.browser = self._browser_factory(self.config)

    def _recover(self, why: str) -> None:
        old_id = self.id
        self._login()
        self._recorder.portal_session_replaced(self.account_key, old_id, self.id, remote=self.browser.remote_session)
        log.info("portal session recovered for account %s (%s)", self.account_key, why)
        log.info("portal session old id: %s", old_id)
        log.info("portal session new id: %s", self.id)

    def keep_alive(self) -> bool:
        """Visit the keep-alive page; False when the portal has logged this session out."""
        try:
            self.driver.get(self.config.portal.keepalive)
            page = KeepAlivePage(self.driver, self.config.page_timeout_seconds)
        except LoginExpiredError:
            return False
        except (EModalError, WebDriverException):
            return self.browser.is_alive()
        if page.shows_login_form():
            return False
        self.last_used = time.monotonic()
        return True

    def close(self) -> None:
        """Quit the browser and remove its profile folder."""
        self.closed = True
        self.browser.quit()
