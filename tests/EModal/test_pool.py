"""The pool: reuse, LRU eviction, parallel accounts, re-login, dead browsers, keep-alive."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from EModal import Container, PortalSessionNotFoundError, PortalSessionPool
from tests.EModal.support import MemoryRecorder, chaos, connector_config, credentials

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def recorder() -> MemoryRecorder:
    return MemoryRecorder()


@pytest.fixture(scope="module")
def pool(sandbox_url: str, sandbox_host_map: str, files_dir: Path,
         recorder: MemoryRecorder) -> Iterator[PortalSessionPool]:
    config = connector_config(sandbox_url, files_dir, host_map=sandbox_host_map, pool_size=2,
                              keepalive_idle_seconds=0.01)
    with PortalSessionPool(config, recorder=recorder, keepalive=False) as pool:
        yield pool


def first_rows(pool: PortalSessionPool, key: str, username: str = "dispatch1") -> tuple[str, bool, list[Container]]:
    with pool.hold(key, credentials(username)) as portal:
        rows = portal.get_containers(target_count=5)
        return portal.portal_session_id, portal.is_new_session, rows


class TestReuseAndEviction:
    def test_reuse_then_lru_eviction(self, pool: PortalSessionPool, recorder: MemoryRecorder) -> None:
        id_a, new_a, _ = first_rows(pool, "a")
        again_a, reused_new, _ = first_rows(pool, "a")
        assert new_a and not reused_new and again_a == id_a
        profile_a = pool._find(id_a).browser.profile_dir
        assert profile_a is not None
        id_b, _, _ = first_rows(pool, "b", "dispatch2")
        first_rows(pool, "a")  # a is now the most recently used: b goes first
        id_c, new_c, _ = first_rows(pool, "c")
        assert new_c
        stats = pool.stats()
        assert (stats.live, stats.max) == (2, 2)
        assert {s.portal_session_id for s in stats.sessions} == {id_a, id_c}
        assert ("closed", "b", id_b, "evicted (least recently used)") in recorder.events
        assert profile_a.exists()
        assert pool.close(id_c)
        assert pool.close_account("a")
        assert not profile_a.exists()
        assert pool.stats().live == 0
        with pytest.raises(PortalSessionNotFoundError), pool.hold_by_id(id_a):
            pass

    def test_stale_persisted_session_closed_before_new_browser(
        self, pool: PortalSessionPool, recorder: MemoryRecorder
    ) -> None:
        recorder.live["stale"] = "id-from-before-a-restart"
        new_id, is_new, _ = first_rows(pool, "stale")
        assert is_new and new_id != "id-from-before-a-restart"
        assert ("closed", "stale", "id-from-before-a-restart", "browser no longer running") in recorder.events
        assert recorder.live["stale"] == new_id
        pool.close_account("stale")


class TestParallelAccounts:
    def test_two_accounts_never_see_each_other(self, pool: PortalSessionPool) -> None:
        results: dict[str, list[Container]] = {}
        errors: list[BaseException] = []

        def work(key: str, username: str) -> None:
            try:
                with pool.hold(key, credentials(username)) as portal:
                    results[username] = portal.get_containers()
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=work, args=(f"p-{u}", u)) for u in ("dispatch1", "dispatch2")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors
        one = {c.container_number for c in results["dispatch1"] if c.is_known}
        two = {c.container_number for c in results["dispatch2"] if c.is_known}
        assert len(one) > 100 and len(two) > 100
        assert not one & two
        assert "MSDU5772413" in one
        pool.close_account("p-dispatch1")
        pool.close_account("p-dispatch2")


class TestRecovery:
    def test_expired_login_recovered_once(
        self, pool: PortalSessionPool, recorder: MemoryRecorder, sandbox_url: str, caplog: pytest.LogCaptureFixture
    ) -> None:
        old_id, _, _ = first_rows(pool, "exp")
        chaos(sandbox_url, "expire-login", username="dispatch1")
        with caplog.at_level(logging.INFO, logger="EModal"):
            new_id, is_new, rows = first_rows(pool, "exp")
        assert len(rows) == 5 and not is_new
        assert new_id != old_id
        assert ("replaced", "exp", old_id, new_id) in recorder.events
        assert recorder.live["exp"] == new_id
        lines = [r.getMessage() for r in caplog.records]
        assert any("recovered" in line for line in lines)
        assert any(old_id in line and "old" in line for line in lines)
        assert any(new_id in line and "new" in line for line in lines)
        assert not any("Sandbox-Pass" in line for line in lines)
        pool.close_account("exp")

    def test_killed_chromium_replaced(self, pool: PortalSessionPool, recorder: MemoryRecorder) -> None:
        old_id, _, _ = first_rows(pool, "kill")
        browser = pool._find(old_id).browser
        chromium = [p for p in browser.processes()[1:] if "chrom" in p.name().lower()]
        assert chromium
        for process in chromium:
            process.kill()
        psutil.wait_procs(chromium, timeout=10)
        new_id, _, rows = first_rows(pool, "kill")
        assert len(rows) == 5 and new_id != old_id
        assert ("replaced", "kill", old_id, new_id) in recorder.events
        assert pool._find(new_id).browser is not browser
        assert browser.profile_dir is not None and not browser.profile_dir.exists()
        pool.close_account("kill")

    def test_keepalive_keeps_warm_and_drops_logged_out(
        self, pool: PortalSessionPool, recorder: MemoryRecorder, sandbox_url: str
    ) -> None:
        session_id, _, _ = first_rows(pool, "warm", "dispatch2")
        pool.keep_alive_once()
        assert pool.stats().live == 1
        chaos(sandbox_url, "expire-login", username="dispatch2")
        pool.keep_alive_once()
        assert pool.stats().live == 0
        assert ("closed", "warm", session_id, "logged out by the portal") in recorder.events
