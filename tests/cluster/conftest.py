"""Two replicas' portal pools sharing one Redis and one remote WebDriver, against a sandbox portal."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import redis

from cluster.connection import pool_redis
from cluster.pool import ClusterPortalSessionPool
from EModal import ConnectorConfig
from tests.EModal.support import MemoryRecorder, connector_config, start_sandbox
from tests.support.services import RedisServer
from tests.support.webdriver_server import chromedriver_server

PoolFactory = Callable[..., ClusterPortalSessionPool]


@pytest.fixture(scope="module")
def sandbox_server() -> Iterator[Any]:
    server, _ = start_sandbox()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def sandbox_url(sandbox_server: Any) -> str:
    return str(sandbox_server.url)


@pytest.fixture(scope="module")
def remote_url() -> Iterator[str]:
    """A Selenium Grid hub when EMODAL_AGENT_TEST_GRID_URL names one; else chromedriver as a server, which serves
    sessions by id as a hub does."""
    grid_url = os.environ.get("EMODAL_AGENT_TEST_GRID_URL", "")
    if grid_url:
        yield grid_url.rstrip("/")
        return
    with chromedriver_server() as url:
        yield url


@pytest.fixture(scope="module")
def redis_server() -> Iterator[RedisServer]:
    server = RedisServer().start()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(scope="module")
def base_config(sandbox_server: Any, remote_url: str, tmp_path_factory: pytest.TempPathFactory) -> ConnectorConfig:
    return connector_config(str(sandbox_server.url), tmp_path_factory.mktemp("files"),
                            host_map=str(sandbox_server.host_map), webdriver_remote_url=remote_url,
                            keepalive_check_seconds=3600, pool_wait_seconds=1.0)


@pytest.fixture
def recorder() -> MemoryRecorder:
    return MemoryRecorder()


def redis_client(server: RedisServer) -> redis.Redis:
    return pool_redis(server.url, timeout_seconds=0.5)


@pytest.fixture
def make_pool(base_config: ConnectorConfig, redis_server: RedisServer, recorder: MemoryRecorder,
              tmp_path: Path) -> Iterator[PoolFactory]:
    """Build replicas' pools on one Redis; afterwards every browser is quit and the shared state cleared."""
    built: list[ClusterPortalSessionPool] = []
    names = itertools.count(1)

    def build(**overrides: Any) -> ClusterPortalSessionPool:
        owner_of = overrides.pop("owner_of", None)
        pool = ClusterPortalSessionPool(
            replace(base_config, **overrides), redis_client=redis_client(redis_server), key_prefix="test",
            fingerprint_key=b"test-fingerprint-key", replica_id=f"replica-{next(names)}", recorder=recorder,
            owner_of=owner_of, keepalive=False)
        built.append(pool)
        return pool

    yield build
    if redis_server._process is None:
        redis_server.start()
    cleaner = build()
    for info in cleaner.stats().sessions:
        cleaner.close_account(info.account_key)
    for pool in built:
        pool.shutdown()
    redis_client(redis_server).flushall()
