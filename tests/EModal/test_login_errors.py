"""Each way a login fails gives its own error, and leaves no browser behind."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from EModal import (
    AccountLockedError,
    CaptchaError,
    InvalidCredentialsError,
    PortalSessionPool,
    PortalUnavailableError,
    RegionBlockedError,
)
from tests.EModal.support import MemoryRecorder, chaos, connector_config, credentials

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def pool(sandbox_url: str, sandbox_host_map: str, files_dir: Path) -> Iterator[PortalSessionPool]:
    config = connector_config(sandbox_url, files_dir, host_map=sandbox_host_map, pool_size=2)
    with PortalSessionPool(config, recorder=MemoryRecorder()) as pool:
        yield pool


@pytest.fixture(autouse=True)
def _reset(sandbox_url: str, pool: PortalSessionPool) -> Iterator[None]:
    yield
    chaos(sandbox_url, "reset")
    assert pool.stats().live == 0


def login(pool: PortalSessionPool, username: str = "dispatch1", password: str | None = None) -> None:
    with pool.hold(f"key-{username}", credentials(username, password)) as portal:
        portal.get_containers(target_count=1)


class TestLoginErrors:
    def test_wrong_password(self, pool: PortalSessionPool) -> None:
        with pytest.raises(InvalidCredentialsError) as caught:
            login(pool, password="not-the-password")
        assert "not-the-password" not in str(caught.value)
        assert "Invalid username or password" in str(caught.value)

    def test_locked_account(self, pool: PortalSessionPool) -> None:
        with pytest.raises(AccountLockedError):
            login(pool, "locked1")

    def test_unsolvable_captcha(self, pool: PortalSessionPool, sandbox_url: str) -> None:
        chaos(sandbox_url, "captcha", mode="unsolvable")
        with pytest.raises(CaptchaError) as caught:
            login(pool)
        assert caught.value.reason == CaptchaError.UNSOLVABLE

    def test_wrong_solver_key(self, pool: PortalSessionPool) -> None:
        with pytest.raises(CaptchaError) as caught, pool.hold("key-x", credentials("dispatch1", key="bad-key")):
            pass
        assert caught.value.reason == CaptchaError.WRONG_KEY

    def test_region_blocked(self, pool: PortalSessionPool, sandbox_url: str) -> None:
        chaos(sandbox_url, "blocked-region", enabled=True)
        with pytest.raises(RegionBlockedError) as caught:
            login(pool)
        assert caught.value.status == 403

    def test_server_error(self, pool: PortalSessionPool, sandbox_url: str) -> None:
        chaos(sandbox_url, "fail-next", count=1)
        with pytest.raises(PortalUnavailableError) as caught:
            login(pool)
        assert caught.value.status == 500
        assert not isinstance(caught.value, RegionBlockedError)
