"""The remote WebDriver path, against chromedriver started as a standalone server."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from EModal import PortalSessionPool
from EModal.browser import Browser
from tests.EModal.support import connector_config, credentials
from tests.support.webdriver_server import chromedriver_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def remote_url() -> Iterator[str]:
    with chromedriver_server() as url:
        yield url


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


def test_attach_to_a_live_remote_session(sandbox_url: str, sandbox_host_map: str, files_dir: Path,
                                         remote_url: str) -> None:
    config = connector_config(sandbox_url, files_dir, host_map=sandbox_host_map, webdriver_remote_url=remote_url)
    started = time.perf_counter()
    creator = Browser(config)
    new_session_seconds = time.perf_counter() - started
    try:
        location = creator.remote_session
        assert location is not None and location.executor_url == remote_url
        started = time.perf_counter()
        attached = Browser.attach(config, location)
        assert attached.is_alive()
        attach_seconds = time.perf_counter() - started
        assert attached.remote_session == location  # the same browser: no new session was made
        attached.driver.get(sandbox_url + "/_chaos/state")
        assert creator.driver.current_url.startswith(sandbox_url)
        attached.detach()  # the client goes away, the browser stays
        assert creator.is_alive()
        assert attach_seconds < new_session_seconds
    finally:
        creator.quit()
    assert not Browser.attach(config, location).is_alive()  # a quit session is noticed as dead
