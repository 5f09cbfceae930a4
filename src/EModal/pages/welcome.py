"""The first-login welcome / what's-new page, left through its "Continue" button."""

from __future__ import annotations

from typing import ClassVar

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from EModal.pages.base import BasePage, Locator

USER_BUTTON: Locator = (By.CSS_SELECTOR, "button[class*='user']")


class WelcomePage(BasePage):
    """A page with a "Continue" button and no app toolbar yet: what a first login on an account may show."""

    CONTINUE: ClassVar[Locator] = (By.XPATH, "//button[normalize-space(.)='Continue']")
    LOADED = CONTINUE

    @classmethod
    def is_shown(cls, driver: WebDriver) -> bool:
        """Whether the shown page is the welcome page (a Continue button outside the logged-in app)."""
        return bool(driver.find_elements(*cls.CONTINUE)) and not driver.find_elements(*USER_BUTTON)

    def go_on(self) -> None:
        """Press Continue (the app opens next)."""
        self.click(self.find(self.CONTINUE))
