"""Reads the wizard's Trucking list, which `PortalOperations` does not expose (a connector gap)."""

from __future__ import annotations

from selenium.webdriver.remote.webdriver import WebDriver

from EModal import PortalOperations
from EModal.pages.wizard import AppointmentWizardPage


def trucking_companies(ops: PortalOperations) -> list[str]:
    """The companies the account may book for, as the wizard's "Trucking" select offers them."""
    config = ops._config

    def read(driver: WebDriver) -> list[str]:
        page = AppointmentWizardPage.open(driver, config.portal.addvisit, config.page_timeout_seconds)
        return page.options_of(page.TRUCKING)

    # The connector runs every driver operation through the portal session (login recovery included).
    return ops._portal_session.run(read)
