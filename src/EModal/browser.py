"""Start, attach to and stop one headless Chromium (local, or on a remote WebDriver such as a Grid)."""

from __future__ import annotations

import logging
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


@dataclass(frozen=True)
class RemoteSession:
    """Where a browser lives on a remote WebDriver: its WebDriver session id and the address serving it."""

    webdriver_session_id: str
    executor_url: str


class _AdoptingRemote(webdriver.Remote):
    """A client of a WebDriver session that already exists: its session start adopts the id, creating nothing."""

    def __init__(self, session: RemoteSession, options: webdriver.ChromeOptions) -> None:
        self._adopted = session
        super().__init__(command_executor=session.executor_url, options=options)

    def start_session(self, capabilities: dict[Any, Any]) -> None:
        """Take the existing session's id in place of a New Session command."""
        self.session_id = self._adopted.webdriver_session_id
        self.caps = {"browserName": "chrome"}


class Browser:
    """One WebDriver session and, for a local Chromium, the profile folder it owns."""

    def __init__(self, config: ConnectorConfig, *, attach_to: RemoteSession | None = None) -> None:
        self._config = config
        self.remote = bool(config.webdriver_remote_url) or attach_to is not None
        # A remote node gives every session a fresh temporary profile of its own; only a local one needs ours.
        self.profile_dir: Path | None = None if self.remote else Path(
            tempfile.mkdtemp(prefix="emodal-profile-", dir=str(config.profiles_dir or "") or None))
        self.attached = attach_to is not None
        if attach_to is not None:
            self.driver: WebDriver = _AdoptingRemote(attach_to, self._options())
            return  # the session keeps the timeouts its creator set
        try:
            self.driver = self._start()
        except WebDriverException as exc:
            self._remove_profile()
            raise BrowserGoneError(f"could not start the browser ({exc.msg or type(exc).__name__})") from None
        self.driver.set_page_load_timeout(config.page_timeout_seconds)
        self.driver.set_script_timeout(config.page_timeout_seconds)

    @classmethod
    def attach(cls, config: ConnectorConfig, session: RemoteSession) -> Browser:
        """A client of a live remote browser (started by this or another process), without a new session."""
        return cls(config, attach_to=session)

    @property
    def remote_session(self) -> RemoteSession | None:
        """Where a remote browser lives, for another process to attach to (None for a local Chromium)."""
        if not self.remote or not self.driver.session_id:
            return None
        return RemoteSession(self.driver.session_id, self._executor_url())

    def _executor_url(self) -> str:
        if isinstance(self.driver, _AdoptingRemote):
            return self.driver._adopted.executor_url
        # A Grid routes every command by session id, so its own address is the one to come back through.
        return self._config.webdriver_remote_url

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
        if self.profile_dir is not None:
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
        self._remove_profile()

    def detach(self) -> None:
        """Stop talking to a remote browser and leave it running, for another client to attach to."""
        executor = self.driver.command_executor
        close = getattr(executor, "close", None)
        if callable(close):
            close()

    def _remove_profile(self) -> None:
        if self.profile_dir is not None:
            shutil.rmtree(self.profile_dir, ignore_errors=True)
