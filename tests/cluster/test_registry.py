"""The cluster's record of browsers: room reserved for logins, given back when a replica dies mid-login."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cluster.connection import pool_redis
from cluster.registry import BrowserRegistry, RegisteredBrowser
from tests.support.services import RedisServer, wait_until

pytestmark = pytest.mark.redis


@pytest.fixture
def registry() -> Iterator[BrowserRegistry]:
    server = RedisServer().start()
    try:
        yield BrowserRegistry(pool_redis(server.url), "t")
    finally:
        server.close()


def entry(account_key: str, owner: str) -> RegisteredBrowser:
    return RegisteredBrowser(account_key=account_key, portal_session_id=f"ps-{account_key}", webdriver_session_id="wd",
                             grid_url="http://grid", owner=owner, credentials_fingerprint="f", created_at=1.0,
                             last_used_at=1.0)


def test_reservations_count_against_the_pool_and_the_owner(registry: BrowserRegistry) -> None:
    assert registry.reserve(owner="u1", token="t1", pool_size=3, per_owner_limit=2, ttl_seconds=30) == "ok"
    registry.put(entry("a", "u1"), reservation="t1")
    assert registry.reserve(owner="u1", token="t2", pool_size=3, per_owner_limit=2, ttl_seconds=30) == "ok"
    assert registry.reserve(owner="u1", token="t3", pool_size=3, per_owner_limit=2, ttl_seconds=30) == "owner_full"
    assert registry.reserve(owner="u2", token="t4", pool_size=3, per_owner_limit=2, ttl_seconds=30) == "ok"
    assert registry.reserve(owner="u3", token="t5", pool_size=3, per_owner_limit=2, ttl_seconds=30) == "full"
    registry.release_reservation(owner="u2", token="t4")
    assert registry.reserve(owner="u3", token="t5", pool_size=3, per_owner_limit=2, ttl_seconds=30) == "ok"


def test_a_reservation_left_by_a_dead_replica_expires_unless_renewed(registry: BrowserRegistry) -> None:
    assert registry.reserve(owner="u1", token="dead", pool_size=2, per_owner_limit=0, ttl_seconds=0.3) == "ok"
    assert registry.reserve(owner="u1", token="live", pool_size=2, per_owner_limit=0, ttl_seconds=0.3) == "ok"
    registry.renew_reservation(owner="u1", token="live", ttl_seconds=30)
    wait_until(lambda: registry.reserve(owner="u2", token="new", pool_size=2, per_owner_limit=0,
                                        ttl_seconds=30) == "ok", timeout=3, what="the dead replica's room back")
    assert registry.reserve(owner="u3", token="more", pool_size=2, per_owner_limit=0, ttl_seconds=30) == "full"
