"""chromedriver started as a server: a remote WebDriver endpoint (as a Grid is) without a Grid."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
from selenium.webdriver.support.ui import WebDriverWait

from tests.support.services import free_port


@contextmanager
def chromedriver_server() -> Iterator[str]:
    """Run `/usr/bin/chromedriver --port=N` for the block; yield its address."""
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
