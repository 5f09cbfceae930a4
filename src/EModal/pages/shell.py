"""The Angular app shell every logged-in E-Modal site shares, and the wait for the app to settle."""

from __future__ import annotations

import logging
from typing import ClassVar

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

log = logging.getLogger(__name__)

Locator = tuple[str, str]

APP_ROOT: Locator = (By.CSS_SELECTOR, "app-root")
ROUTER_OUTLET: Locator = (By.CSS_SELECTOR, "router-outlet")
SIDENAV_CONTAINER: Locator = (By.CSS_SELECTOR, "mat-sidenav-container")

# Angular's own testability hook: every root's whenStable() fires once no request or timer is pending.
_WHEN_STABLE_JS = """
const [limitMs, done] = arguments;
if (typeof window.getAllAngularTestabilities !== 'function') { done('absent'); return; }
const all = window.getAllAngularTestabilities();
let left = all.length;
if (!left) { done('stable'); return; }
const timer = setTimeout(() => done('busy'), limitMs);
all.forEach((t) => t.whenStable(() => { left -= 1; if (left === 0) { clearTimeout(timer); done('stable'); } }));
"""


# An app that polls never turns stable (Protractor's old trouble): past this, go on with the page as it is.
SETTLE_LIMIT_SECONDS = 10.0


def wait_for_angular(driver: WebDriver, timeout: float) -> bool:
    """Wait until the Angular app says it is stable; True when it did (or offers no hook), False on a timeout."""
    limit = min(timeout - 1.0, SETTLE_LIMIT_SECONDS)
    try:
        outcome = driver.execute_async_script(_WHEN_STABLE_JS, int(max(limit, 0.5) * 1000))
    except WebDriverException as exc:  # a navigation in between drops the script: the next page waits again
        log.debug("angular stability wait interrupted: %s", type(exc).__name__)
        return False
    return bool(outcome != "busy")


class AngularShell:
    """Markers of the Angular Material shell (`app-root`, `router-outlet`, `mat-sidenav-container`)."""

    MARKERS: ClassVar[tuple[Locator, ...]] = (APP_ROOT, ROUTER_OUTLET, SIDENAV_CONTAINER)

    @classmethod
    def is_shown(cls, driver: WebDriver) -> bool:
        """Whether the page is the Angular app (rather than an identity or error page)."""
        return bool(driver.find_elements(*APP_ROOT))
