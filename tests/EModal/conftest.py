"""Shared fixtures: one sandbox portal per module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.EModal.support import start_sandbox


@pytest.fixture(scope="module")
def sandbox_url() -> Iterator[str]:
    """A sandbox portal shared by the tests of one module."""
    server, url = start_sandbox()
    try:
        yield url
    finally:
        server.stop()


@pytest.fixture(scope="module")
def files_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where a module's exports and screenshots go."""
    return tmp_path_factory.mktemp("emodal-files")
