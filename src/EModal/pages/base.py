"""What every page object shares: a loaded check that also recognises the portal's error pages."""

from __future__ import annotations

import re
import time
from typing import Any, ClassVar

from selenium.common.exceptions import StaleElementReferenceException, TimeoutException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from EModal.errors import LoginExpiredError, PortalUnavailableError, RegionBlockedError
from EModal.pages.shell import wait_for_angular

Locator = tuple[str, str]

EXPIRED_TEXT = "You are either not logged in or your session has expired"

# One round trip reads everything needed to classify the page shown.
_PAGE_STATE_JS = """
const h1 = document.querySelector('h1');
const body = document.body ? document.body.innerText.slice(0, 2000) : '';
return [location.href, document.title || '', h1 ? h1.innerText.trim() : '', body];
"""
# Counts the page's own requests so the end of the list is told apart from a slow page.
NETWORK_HOOK_JS = """
if (!window.__emodalNet) {
  const net = window.__emodalNet = {pending: 0, started: 0, lastEnd: performance.now(), failed: 0, frames: 0};
  // Scroll events are dispatched once per frame: counting frames tells "no request yet" from "none coming".
  const tick = () => { net.frames++; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  const done = (status) => {
    net.pending--; net.lastEnd = performance.now();
    if (status === 401 || status === 403 || status >= 500) net.failed = status;
  };
  if (window.fetch) {
    const original = window.fetch;
    window.fetch = function (...args) {
      net.pending++; net.started++;
      return original.apply(this, args).then(
        (response) => { done(response.status); return response; },
        (error) => { done(0); throw error; });
    };
  }
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (...args) {
    net.pending++; net.started++;
    this.addEventListener('loadend', () => done(this.status));
    return send.apply(this, args);
  };
}
"""

_NET_STATE_JS = """
const net = window.__emodalNet || {pending: 0, started: 0, lastEnd: 0, failed: 0, frames: 0};
return [net.started, net.pending, net.lastEnd, performance.now(), net.failed, net.frames];
"""
_SERVER_ERROR = re.compile(r"^\s*(5\d\d)\b|Internal Server Error|Service Unavailable|Bad Gateway", re.I)


def error_page_problem(driver: WebDriver) -> Exception | None:
    """Return the error the shown page stands for (expired login, 403, 404, 5xx), or None."""
    url, title, h1, body = driver.execute_script(_PAGE_STATE_JS)
    if h1 == "401" or EXPIRED_TEXT in body:
        return LoginExpiredError()
    if "403 Forbidden" in title or h1.startswith("403") or "/403" in url:
        return RegionBlockedError(url)
    if "404 Not Found" in title or h1.startswith("404") or "/404" in url:
        return PortalUnavailableError("404 Not Found", status=404, url=url)
    for text in (title, h1):
        match = _SERVER_ERROR.search(text)
        if match:
            status = int(match.group(1)) if match.group(1) else 500
            return PortalUnavailableError(f"server error {status}", status=status, url=url)
    if re.search(r"/error(\b|/|\?)", url):
        return PortalUnavailableError("error page", url=url)
    return None


class BasePage:
    """A page object: built only once its `LOADED` locator shows, else raising what the portal said."""

    LOADED: ClassVar[Locator] = (By.TAG_NAME, "body")
    # A sign-on hop that ends on the identity login form means the portal forgot the login: for any page but
    # the login page itself that is the same as the 401 page.
    SIGNED_OUT_FORM: ClassVar[Locator | None] = (By.CSS_SELECTOR, "form input#Password")

    def __init__(self, driver: WebDriver, timeout: float) -> None:
        self.driver = driver
        self.timeout = timeout
        self.wait = WebDriverWait(driver, timeout)
        self.wait_loaded()

    def wait_loaded(self) -> None:
        """Wait until the page shows its loaded marker or an error page."""
        outcome = self.wait_for_any(self._loaded_or_none, what=f"{type(self).__name__} to load")
        if isinstance(outcome, Exception):
            raise outcome
        wait_for_angular(self.driver, self.timeout)  # the marker may show before the app's requests settle

    def _loaded_or_none(self, driver: WebDriver) -> Any:
        problem = error_page_problem(driver)
        if problem is not None:
            return problem
        if self.SIGNED_OUT_FORM is not None and driver.find_elements(*self.SIGNED_OUT_FORM) \
                and "account/login" in driver.current_url.lower():
            return LoginExpiredError()
        return self.is_loaded() or None

    def is_loaded(self) -> bool:
        """Whether the page's loaded marker is present."""
        return bool(self.driver.find_elements(*self.LOADED))

    def wait_for_any(self, condition: Any, *, what: str, timeout: float | None = None) -> Any:
        """Wait for a condition; a timeout becomes `PortalUnavailableError` unless an error page explains it."""
        try:
            return WebDriverWait(
                self.driver,
                timeout or self.timeout,
                poll_frequency=0.1,
                ignored_exceptions=(StaleElementReferenceException,),
            ).until(condition)
        except TimeoutException:
            problem = error_page_problem(self.driver)
            if problem is not None:
                raise problem from None
            raise PortalUnavailableError(f"timed out waiting for {what}", url=self.driver.current_url) from None

    # Without any request or new row for this long after a scroll, a list has ended.
    END_QUIET_SECONDS: ClassVar[float] = 1.0
    MIN_FRAMES_AFTER_SCROLL: ClassVar[int] = 10

    def wait_for_growth(self, count_script: str, count: int, started: int) -> bool:
        """After a scroll: True once the count grows, False once the page stays quiet (the list ended)."""
        scrolled_at = time.monotonic()
        frames_at_scroll = int(self.driver.execute_script(_NET_STATE_JS)[5])

        def grown_or_quiet(driver: WebDriver) -> Any:
            if driver.execute_script(count_script) > count:
                return "more"
            now_started, pending, last_end, now, failed, frames = driver.execute_script(_NET_STATE_JS)
            if failed:
                raise self._request_failure(failed)
            if pending or frames - frames_at_scroll < self.MIN_FRAMES_AFTER_SCROLL:
                return False
            quiet_since = max(scrolled_at, time.monotonic() - (now - last_end) / 1000.0)
            window = self.END_QUIET_SECONDS / 2 if now_started > started else self.END_QUIET_SECONDS
            return "end" if time.monotonic() - quiet_since > window else False

        outcome: str = self.wait_for_any(grown_or_quiet, what="more rows after scrolling")
        return outcome == "more"

    def _request_failure(self, status: int) -> Exception:
        """The error a failed background request stands for (the page itself may show nothing yet)."""
        if status == 401:
            return LoginExpiredError()
        if status == 403:
            return RegionBlockedError(self.driver.current_url)
        return PortalUnavailableError(f"loading more rows failed with {status}", status=status)

    def find(self, locator: Locator) -> WebElement:
        """Wait for an element to be present and return it."""
        element: WebElement = self.wait_for_any(lambda d: (d.find_elements(*locator) or [None])[0], what=str(locator))
        return element

    def js_click(self, element: WebElement) -> None:
        """Click an element through the DOM (overlays in the Material app can swallow real clicks)."""
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", element)

    def click(self, element: WebElement) -> None:
        """Click like a user, falling back to a DOM click when an overlay intercepts it."""
        try:
            self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
            element.click()
        except WebDriverException:
            self.js_click(element)
