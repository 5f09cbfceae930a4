"""The remote WebDriver path, against chromedriver started as a standalone server."""

from __future__ import annotations

import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from selenium.webdriver.support.ui import WebDriverWait

from EModal import PortalSessionPool
from tests.EModal.support import connector_config, credentials

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def remote_url() -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        ["/usr/bin/chromedriver", f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"

    def ready(_: object) -> bool:
        try:
            return httpx.get(url + "/status", timeout=1).json()["value"]["ready"] is True
        except (httpx.HTTPError, KeyError, ValueError):
            return False

    try:
        WebDriverWait(None, 20, poll_frequency=0.1).until(ready)  # type: ignore[type-var]  # no driver: polls ready()
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_remote_webdriver(sandbox_url: str, sandbox_host_map: str, files_dir: Path, remote_url: str) -> None:
    config = connector_config(sandbox_url, files_dir, host_map=sandbox_host_map, webdriver_remote_url=remote_url)
    with PortalSessionPool(config, keepalive=False) as pool:
        with pool.hold("remote", credentials("dispatch2")) as portal:
            assert portal.is_new_session
            rows = portal.get_containers(target_count=35)
        assert len(rows) == 35
        portal_session = pool._find(portal.portal_session_id)
        assert portal_session.browser.remote
        assert portal_session.browser.driver_pid is None
