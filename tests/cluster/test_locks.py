"""The per-browser lock shared by replicas: first come first served, bounded waits, leases that lapse."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from cluster.connection import pool_redis
from cluster.locks import FairLocks, LeaderLease, LockWaitTimeout
from tests.support.services import RedisServer

pytestmark = pytest.mark.redis


@pytest.fixture
def redis_url() -> Iterator[str]:
    server = RedisServer().start()
    try:
        yield server.url
    finally:
        server.close()


def replicas(redis_url: str, count: int, **options: float) -> list[FairLocks]:
    return [FairLocks(pool_redis(redis_url), "t", **options) for _ in range(count)]


def test_waiters_are_served_in_arrival_order(redis_url: str) -> None:
    holder, *waiters = replicas(redis_url, 4)
    token = holder.acquire("acct", timeout_seconds=1)
    order: list[int] = []
    threads = []
    for index, locks in enumerate(waiters):
        def wait(index: int = index, locks: FairLocks = locks) -> None:
            with locks.held("acct", timeout_seconds=10):
                order.append(index)
        threads.append(threading.Thread(target=wait))
        threads[-1].start()
        threading.Event().wait(0.15)  # each waiter is in line before the next arrives
    holder.release("acct", token)
    for thread in threads:
        thread.join()
    assert order == [0, 1, 2]


def test_a_wait_is_bounded_and_a_waiter_that_gives_up_leaves_the_line(redis_url: str) -> None:
    holder, impatient, patient = replicas(redis_url, 3)
    token = holder.acquire("acct", timeout_seconds=1)
    started = time.monotonic()
    with pytest.raises(LockWaitTimeout):
        impatient.acquire("acct", timeout_seconds=0.3)
    assert time.monotonic() - started < 1
    holder.release("acct", token)
    assert patient.try_acquire("acct") is not None  # nobody left in line before it


def test_a_crashed_holder_s_lease_lapses_and_a_live_one_is_renewed(redis_url: str) -> None:
    crashed, live, other = replicas(redis_url, 3, lease_seconds=0.6)
    crashed.acquire("a", timeout_seconds=1)
    crashed.close()  # no more renewals, as when its process dies
    live.acquire("b", timeout_seconds=1)
    assert other.acquire("a", timeout_seconds=3)  # after the lease
    threading.Event().wait(1.2)  # two lease lengths: renewals keep b held
    assert other.try_acquire("b") is None


def test_one_keep_alive_leader_at_a_time(redis_url: str) -> None:
    first = LeaderLease(pool_redis(redis_url), "t:leader", holder="a", lease_seconds=30)
    second = LeaderLease(pool_redis(redis_url), "t:leader", holder="b", lease_seconds=30)
    assert first.claim() and first.claim()
    assert not second.claim()
    first.give_up()
    assert second.claim() and not first.claim()
