"""The API with the sandbox portal behind it, and one headless Chromium per test module."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from backend.app import create_app
from backend.config import Settings
from tests.support.sandbox import start_sandbox
from tests.support.services import ApiServer, sqlite_url

REPO_ROOT = Path(__file__).resolve().parents[3]
SCREENSHOTS = REPO_ROOT / "test-output" / "web"
CHROME_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,900")


@dataclass
class WebApp:
    """The running API (serving the page) and the sandbox portal it drives."""

    server: ApiServer
    sandbox: Any
    sandbox_url: str

    @property
    def url(self) -> str:
        return self.server.url


@dataclass
class Browser:
    """A headless Chromium and the folder its downloads land in."""

    driver: webdriver.Chrome
    downloads: Path


@pytest.fixture(scope="package")
def web_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebApp]:
    sandbox, sandbox_url = start_sandbox(containers_per_account=40)
    tmp = tmp_path_factory.mktemp("web")
    # Each module logs in a user of its own on this shared pool of two browsers: with no protection window the
    # least recently used browser gives way, as it did before fairness (tested in tests/backend/security).
    settings = Settings(data_dir=tmp, database_url=sqlite_url(tmp), portal_base_url=sandbox_url,
                        captcha_base_url=sandbox_url, captcha_poll_seconds=0.05, browser_pool_size=2,
                        browser_pool_protect_seconds=0, page_timeout_seconds=30)
    try:
        with ApiServer(create_app(settings)) as server:
            yield WebApp(server=server, sandbox=sandbox, sandbox_url=sandbox_url)
    finally:
        sandbox.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    profile = Path(tempfile.mkdtemp(prefix="emodal-web-profile-"))
    downloads = Path(tempfile.mkdtemp(prefix="emodal-web-downloads-"))
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_experimental_option("prefs", {
        "download.default_directory": str(downloads), "download.prompt_for_download": False,
        "safebrowsing.enabled": False,
    })
    driver = webdriver.Chrome(options=options, service=Service(executable_path="/usr/bin/chromedriver"))
    driver.set_page_load_timeout(30)
    try:
        yield Browser(driver=driver, downloads=downloads)
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
        shutil.rmtree(downloads, ignore_errors=True)
