"""Start and stop one headless Chromium (local or through a remote WebDriver) with its own profile."""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

import psutil
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.remote.webdriver import WebDriver

from EModal.config import ConnectorConfig
from EModal.errors import BrowserGoneError

log = logging.getLogger(__name__)

HEADLESS_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


class Browser:
    """One WebDriver session and the profile folder it owns."""

    def __init__(self, config: ConnectorConfig) -> None:
        self._config = config
        self.profile_dir = Path(tempfile.mkdtemp(prefix="emodal-profile-", dir=str(config.profiles_dir or "") or None))
        self.remote = bool(config.webdriver_remote_url)
        try:
            self.driver = self._start()
        except WebDriverException as exc:
            shutil.rmtree(self.profile_dir, ignore_errors=True)
            raise BrowserGoneError(f"could not start the browser ({exc.msg or type(exc).__name__})") from None
        self.driver.set_page_load_timeout(config.page_timeout_seconds)
        self.driver.set_script_timeout(config.page_timeout_seconds)

    def _options(self) -> webdriver.ChromeOptions:
        options = webdriver.ChromeOptions()
        for flag in HEADLESS_FLAGS:
            options.add_argument(flag)
        width, height = self._config.window_size
        options.add_argument(f"--window-size={width},{height}")
        if self._config.host_resolver_rules:
            # The real host names served by a look-alike: its self-signed certificate is accepted in this mode only.
            options.add_argument(f"--host-resolver-rules={self._config.host_resolver_rules}")
            options.add_argument("--ignore-certificate-errors")
            options.accept_insecure_certs = True
        if not self.remote:
            # A remote node gives every session a fresh temporary profile of its own.
            options.add_argument(f"--user-data-dir={self.profile_dir}")
            options.binary_location = self._config.chromium_binary
        return options

    def _start(self) -> WebDriver:
        if self.remote:
            return webdriver.Remote(command_executor=self._config.webdriver_remote_url, options=self._options())
        # An explicit driver path keeps Selenium Manager from ever trying to download one.
        # Its own session: a terminal's Ctrl-C reaches only us, and we close browsers and profiles in order.
        service = Service(executable_path=self._config.chromedriver_path, popen_kw={"start_new_session": True})
        return webdriver.Chrome(service=service, options=self._options())

    @property
    def driver_pid(self) -> int | None:
        """Process id of the local chromedriver (None for a remote WebDriver)."""
        service = getattr(self.driver, "service", None)
        process = getattr(service, "process", None)
        return process.pid if process is not None else None

    def processes(self) -> list[psutil.Process]:
        """The local chromedriver and every Chromium process under it."""
        pid = self.driver_pid
        if pid is None:
            return []
        try:
            root = psutil.Process(pid)
            return [root, *root.children(recursive=True)]
        except psutil.Error:
            return []

    def rss_bytes(self) -> int:
        """Resident memory of chromedriver and its Chromium processes."""
        total = 0
        for process in self.processes():
            try:
                total += process.memory_info().rss
            except psutil.Error:
                continue
        return total

    def is_alive(self) -> bool:
        """Whether the WebDriver still answers (Chromium and chromedriver both up)."""
        try:
            self.driver.execute_script("return 1")
        except Exception:  # any failure here means the browser cannot serve an operation
            return False
        return True

    def quit(self) -> None:
        """Stop the browser and remove its profile folder."""
        try:
            self.driver.quit()
        except Exception as exc:  # a dead browser cannot quit cleanly; its processes are killed below
            log.debug("browser quit failed: %s", type(exc).__name__)
            for process in self.processes()[::-1]:
                try:
                    process.kill()
                except psutil.Error:
                    continue
        shutil.rmtree(self.profile_dir, ignore_errors=True)
