"""Two replicas share one portal pool: warm logins re-attached anywhere, global limits, one operation at a time."""

from __future__ import annotations

import itertools
import threading
import time

import pytest

from cluster.errors import PoolCoordinationUnavailableError
from cluster.pool import ClusterPortalSessionPool
from EModal import AppointmentRequest, Browser, MissingFieldError, PortalSessionLimitError, RemoteSession
from tests.cluster.conftest import PoolFactory
from tests.EModal.support import MemoryRecorder, credentials
from tests.support.sandbox import login_counts
from tests.support.services import RedisServer

pytestmark = [pytest.mark.browser, pytest.mark.redis]


def use(pool: ClusterPortalSessionPool, key: str, username: str = "dispatch1") -> tuple[str, bool]:
    """Hold the account's browser for one real portal read; (portal session id, whether it logged in)."""
    with pool.hold(key, credentials(username)) as portal:
        assert len(portal.get_containers(target_count=3)) == 3
        return portal.portal_session_id, portal.is_new_session


def logins(sandbox_url: str, username: str = "dispatch1") -> int:
    return login_counts(sandbox_url).get(username, 0)


class TestWarmLoginsAcrossReplicas:
    def test_a_login_made_on_one_replica_is_reused_by_the_other_and_after_restarts(
        self, make_pool: PoolFactory, sandbox_url: str, recorder: MemoryRecorder
    ) -> None:
        replica_a, replica_b = make_pool(), make_pool()
        before = logins(sandbox_url)
        started = time.perf_counter()
        with replica_a.hold("acct-1", credentials()) as portal:
            fresh_login_seconds = time.perf_counter() - started
            first_id, is_new = portal.portal_session_id, portal.is_new_session
        assert is_new and logins(sandbox_url) == before + 1
        entry = replica_a.registry.get("acct-1")
        assert entry is not None and entry.portal_session_id == first_id
        assert recorder.remote[first_id] == RemoteSession(entry.webdriver_session_id, entry.grid_url)

        started = time.perf_counter()
        with replica_b.hold("acct-1", credentials()) as portal:
            reattach_seconds = time.perf_counter() - started
            assert (portal.portal_session_id, portal.is_new_session) == (first_id, False)
            assert len(portal.get_containers(target_count=3)) == 3
        assert logins(sandbox_url) == before + 1
        print(f"\nfresh login {fresh_login_seconds:.2f} s, re-attach on another replica {reattach_seconds:.3f} s")
        assert reattach_seconds < fresh_login_seconds

        replica_a.shutdown()  # both replicas restart: their browsers stay on the Grid, logged in
        replica_b.shutdown()
        restarted_a, restarted_b = make_pool(), make_pool()
        assert use(restarted_b, "acct-1") == (first_id, False)
        assert use(restarted_a, "acct-1") == (first_id, False)
        assert logins(sandbox_url) == before + 1

    def test_a_browser_quit_out_of_band_is_replaced_by_a_new_login(
        self, make_pool: PoolFactory, sandbox_url: str, recorder: MemoryRecorder
    ) -> None:
        replica_a, replica_b = make_pool(), make_pool()
        old_id, _ = use(replica_a, "acct-oob")
        old = replica_a.registry.get("acct-oob")
        assert old is not None
        Browser.attach(replica_a.config, RemoteSession(old.webdriver_session_id, old.grid_url)).quit()
        before = logins(sandbox_url)
        new_id, is_new = use(replica_b, "acct-oob")
        assert is_new and new_id != old_id and logins(sandbox_url) == before + 1
        new = replica_b.registry.get("acct-oob")
        assert new is not None and new.portal_session_id == new_id
        assert new.webdriver_session_id != old.webdriver_session_id
        assert replica_b.registry.account_of(old_id) is None
        assert ("closed", "acct-oob", old_id, "browser no longer running") in recorder.events
        assert use(replica_a, "acct-oob") == (new_id, False)


class TestGlobalLimits:
    def test_the_pool_size_holds_across_replicas_and_evicts_the_least_recently_used(
        self, make_pool: PoolFactory, recorder: MemoryRecorder
    ) -> None:
        replica_a, replica_b = make_pool(pool_size=2), make_pool(pool_size=2)
        use(replica_a, "acct-1")
        id_2, _ = use(replica_b, "acct-2", "dispatch2")
        use(replica_a, "acct-1")  # acct-2, opened by the other replica, is now the least recently used
        gone = replica_a.registry.get("acct-2")
        assert gone is not None
        _, is_new = use(replica_a, "acct-3")
        assert is_new
        assert replica_b.usage() == (2, 2)
        assert {s.account_key for s in replica_b.stats().sessions} == {"acct-1", "acct-3"}
        assert ("closed", "acct-2", id_2, "evicted (least recently used)") in recorder.events
        assert not Browser.attach(replica_a.config, RemoteSession(gone.webdriver_session_id, gone.grid_url)).is_alive()

    def test_the_per_owner_cap_holds_across_replicas(self, make_pool: PoolFactory) -> None:
        def one_user(account_key: str) -> str:
            return "user-1"

        replica_a = make_pool(per_owner_limit=1, protect_recent_seconds=300, owner_of=one_user)
        replica_b = make_pool(per_owner_limit=1, protect_recent_seconds=300, owner_of=one_user)
        # The user's one browser is in use on the other replica: no room for a second one.
        with replica_a.hold("acct-1", credentials()), pytest.raises(PortalSessionLimitError):
            use(replica_b, "acct-2", "dispatch2")
        _, is_new = use(replica_b, "acct-2", "dispatch2")  # once free, the user's own browser gives way
        assert is_new
        assert [s.account_key for s in replica_a.stats().sessions] == ["acct-2"]


class TestOneOperationAtATime:
    def test_holds_of_one_browser_from_two_replicas_never_overlap(self, make_pool: PoolFactory) -> None:
        replica_a, replica_b = make_pool(), make_pool()
        use(replica_a, "acct-1")
        spans: list[tuple[float, float]] = []
        errors: list[BaseException] = []

        def work(pool: ClusterPortalSessionPool) -> None:
            try:
                for _ in range(3):
                    with pool.hold("acct-1", credentials()) as portal:
                        entered = time.monotonic()
                        portal.get_containers(target_count=2)
                        spans.append((entered, time.monotonic()))
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=work, args=(pool,)) for pool in (replica_a, replica_b, replica_b)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors
        spans.sort()
        assert len(spans) == 9
        assert all(earlier[1] <= later[0] for earlier, later in itertools.pairwise(spans))


class TestKeepAlive:
    def test_only_the_leader_keeps_logins_warm(self, make_pool: PoolFactory) -> None:
        replica_a = make_pool(keepalive_idle_seconds=0.01)
        replica_b = make_pool(keepalive_idle_seconds=0.01)
        use(replica_b, "acct-1")
        threading.Event().wait(0.05)  # the login must be idle longer than keepalive_idle_seconds
        assert replica_a.keep_alive_once() is True
        assert replica_b.keep_alive_once() is False
        assert (replica_a.keepalive.visits, replica_b.keepalive.visits) == (1, 0)
        replica_a.shutdown()  # the leader goes away: another replica takes over at once
        threading.Event().wait(0.05)
        assert replica_b.keep_alive_once() is True
        assert replica_b.keepalive.visits == 1


class TestRedisOutage:
    def test_portal_work_answers_unavailable_while_redis_is_down_then_resumes(
        self, make_pool: PoolFactory, redis_server: RedisServer
    ) -> None:
        replica_a = make_pool()
        redis_server.stop()
        try:
            started = time.monotonic()
            with pytest.raises(PoolCoordinationUnavailableError) as raised:
                use(replica_a, "acct-1")
            assert time.monotonic() - started < 2
            assert "Redis" in str(raised.value) and raised.value.retry_after_seconds > 0
            with pytest.raises(PoolCoordinationUnavailableError):
                replica_a.usage()
        finally:
            redis_server.start()
        assert use(replica_a, "acct-1")[1] is True


class TestAppointmentSessionsAcrossReplicas:
    def test_a_wizard_started_on_one_replica_is_resumed_on_the_other(self, make_pool: PoolFactory) -> None:
        replica_a, replica_b = make_pool(), make_pool()
        request = AppointmentRequest(trucking_company="K & R TRANSPORTATION LLC", terminal="ITS",
                                     move_type="PICK FULL", container_number="MSCU5165756", own_chassis=False)
        with replica_a.hold("acct-1", credentials()) as portal, pytest.raises(MissingFieldError) as caught:
            portal.check_appointments(request)
        assert (caught.value.phase, caught.value.field) == (2, "truck_plate")
        with replica_b.hold("acct-1", credentials()) as portal:
            appointment_session = portal.check_appointments(
                appointment_session_id=caught.value.appointment_session_id, truck_plate="7KRT481")
        assert appointment_session.phase == 3 and appointment_session.available_times
        with replica_a.hold("acct-1", credentials()) as portal:
            resumed = portal.check_appointments(appointment_session_id=appointment_session.id)
        assert resumed.available_times == appointment_session.available_times
