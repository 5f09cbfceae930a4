"""Shared fixtures: one sandbox portal per module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.EModal.support import start_sandbox


@pytest.fixture(scope="module")
def sandbox_server() -> Iterator[Any]:
    """A sandbox portal shared by the tests of one module, under the real host names over HTTPS."""
    server, _ = start_sandbox()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def sandbox_url(sandbox_server: Any) -> str:
    """The sandbox's plain-HTTP address: its solver and chaos switches."""
    return str(sandbox_server.url)


@pytest.fixture(scope="module")
def sandbox_host_map(sandbox_server: Any) -> str:
    """Where the browser must resolve `*.emodal.com` to reach the sandbox."""
    return str(sandbox_server.host_map)


@pytest.fixture(scope="module")
def files_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where a module's exports and screenshots go."""
    return tmp_path_factory.mktemp("emodal-files")
