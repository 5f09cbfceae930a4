"""Fixtures of the sandbox tests: a served sandbox, one headless Chromium per module, a logged-in helper."""

from __future__ import annotations

import datetime
import shutil
import tempfile
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from sandbox.accounts import DISPATCH1
from sandbox.catalog import SITE_KEY
from sandbox.config import SandboxConfig
from sandbox.server import SandboxServer

CHAOS_TOKEN = "sandbox-tests-chaos"
SOLVER_KEY = "sandbox-solver-key"
TODAY = datetime.date(2025, 9, 29)  # a Monday: "tomorrow" is Tuesday 09/30/2025
WAIT_SECONDS = 15
CHROME_ARGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1366,900",
)


def chaos(base_url: str, action: str, **body: object) -> dict[str, Any]:
    """Flip a chaos switch of the sandbox at `base_url`."""
    response = httpx.post(f"{base_url}/_chaos/{action}", json=body, headers={"X-Chaos-Token": CHAOS_TOKEN})
    response.raise_for_status()
    result: dict[str, Any] = response.json()
    return result


def solve_token(base_url: str, page_url: str) -> str:
    """Ask the sandbox solver for a token, as the connector does."""
    params = {"key": SOLVER_KEY, "method": "userrecaptcha", "googlekey": SITE_KEY, "pageurl": page_url, "json": "1"}
    task = httpx.get(f"{base_url}/in.php", params=params).json()
    answer = httpx.get(f"{base_url}/res.php",
                       params={"key": SOLVER_KEY, "action": "get", "id": task["request"], "json": 1}).json()
    assert answer["status"] == 1, answer
    token: str = answer["request"]
    return token


def wait(driver: WebDriver, seconds: float = WAIT_SECONDS) -> WebDriverWait[WebDriver]:
    """An explicit wait."""
    return WebDriverWait(driver, seconds)


def open_login(driver: WebDriver, base_url: str) -> None:
    """Start logged out on the identity page."""
    driver.delete_all_cookies()
    driver.get(f"{base_url}/login")
    wait(driver).until(ec.url_contains("Account/Login"))
    wait(driver).until(ec.presence_of_element_located((By.ID, "Username")))
    wait(driver).until(ec.presence_of_element_located((By.CSS_SELECTOR, "iframe[src*='recaptcha/api2/anchor']")))


def submit_login(driver: WebDriver, username: str, password: str, token: str | None) -> None:
    """Type the credentials, write `token` (if any) into the form, force #btnLogin enabled and click it.

    This skips the widget's callback on purpose: these tests check what the server accepts.
    """
    driver.find_element(By.ID, "Username").send_keys(username)
    driver.find_element(By.ID, "Password").send_keys(password)
    driver.execute_script(
        "if (arguments[0]) {"
        "  document.getElementById('g-recaptcha-response').value = arguments[0];"
        "  document.getElementById('hdnToken').value = arguments[0];"
        "}"
        "document.getElementById('btnLogin').disabled = false;", token or "")
    driver.find_element(By.ID, "btnLogin").click()


@pytest.fixture(scope="module")
def server() -> Iterator[SandboxServer]:
    """A sandbox with chaos controls, no captcha delay, a fixed today and no welcome page (its own tests have it)."""
    config = SandboxConfig(captcha_delay_seconds=0, chaos_token=CHAOS_TOKEN, today=TODAY, welcome_accounts=())
    with SandboxServer(config) as running:
        yield running


@pytest.fixture(scope="module")
def driver() -> Iterator[WebDriver]:
    """One headless Chromium for the whole module."""
    profile = tempfile.mkdtemp(prefix="sandbox-chrome-")
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in CHROME_ARGS:
        options.add_argument(arg)
    options.add_argument(f"--user-data-dir={profile}")
    browser = webdriver.Chrome(options=options, service=Service(executable_path="/usr/bin/chromedriver"))
    try:
        yield browser
    finally:
        browser.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def login(driver: WebDriver, server: SandboxServer) -> Callable[..., None]:
    """Log the module's browser in (dispatch1 unless told) and land on `/containers`."""

    def do_login(username: str = DISPATCH1.username, password: str = DISPATCH1.password) -> None:
        open_login(driver, server.url)
        submit_login(driver, username, password, solve_token(server.url, driver.current_url))
        wait(driver).until(ec.url_contains("/containers"))

    return do_login
