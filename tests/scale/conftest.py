"""The cluster on loopback, once per test session: a Selenium Grid (hub and two nodes), the sandbox portal,
one PostgreSQL database and one Redis server shared by two API replicas, each a process of its own.

Run with `make scale-test` (or `pytest tests/scale -m scale`); `make test` leaves these tests out.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.scale.figures import Figures
from tests.scale.grid import SeleniumGrid
from tests.scale.portal import SandboxPortal
from tests.scale.processes import ProcessLogs
from tests.scale.replicas import ApiReplica, ClusterConfig, cluster_mode_available, migrate
from tests.support.services import RedisServer, fresh_postgres_database

LOGS_KEY = pytest.StashKey[ProcessLogs]()
FIGURES_KEY = pytest.StashKey[Figures]()
REPLICA_COUNT = 2
# The smoke test first (it proves the set-up), the tests that kill replicas last (a killed replica may leave
# browsers on the Grid until the nodes' session-timeout).
MODULE_ORDER = ("test_smoke", "test_conversation", "test_pool", "test_failover")
FIGURES_FILE = Path(__file__).resolve().parents[2] / "test-output" / "scale-figures.json"


@pytest.fixture(scope="session")
def process_logs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> ProcessLogs:
    """Where every process of the cluster writes its log (printed for a failed test)."""
    logs = ProcessLogs(tmp_path_factory.mktemp("scale-logs"))
    request.config.stash[LOGS_KEY] = logs
    return logs


@pytest.fixture(scope="session")
def figures(request: pytest.FixtureRequest) -> Figures:
    """Measured durations, printed at the end of the run and written to test-output/scale-figures.json."""
    measured = Figures()
    request.config.stash[FIGURES_KEY] = measured
    return measured


@pytest.fixture(scope="session")
def grid(process_logs: ProcessLogs, figures: Figures) -> Iterator[SeleniumGrid]:
    """A Selenium Grid hub and two nodes (Debian Chromium), ready with both nodes registered."""
    selenium_grid = SeleniumGrid(process_logs, node_count=2, max_sessions=4)
    try:
        selenium_grid.start()
        figures.record("grid_start_seconds", selenium_grid.start_seconds)
        yield selenium_grid
    finally:
        selenium_grid.stop()


@pytest.fixture(scope="session")
def sandbox_server() -> Iterator[SandboxPortal]:
    """The sandbox portal (real host names over HTTPS, chaos switches on), reachable by the nodes' browsers."""
    portal = SandboxPortal.start()
    try:
        yield portal
    finally:
        portal.stop()


@pytest.fixture(scope="session")
def shared_redis() -> Iterator[RedisServer]:
    """The one Redis server every replica uses."""
    server = RedisServer().start()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(scope="session")
def shared_database() -> Iterator[str]:
    """A fresh PostgreSQL database every replica uses."""
    with fresh_postgres_database() as url:
        yield url


@pytest.fixture(scope="session")
def cluster_config(grid: SeleniumGrid, sandbox_server: SandboxPortal, shared_redis: RedisServer,
                   shared_database: str, tmp_path_factory: pytest.TempPathFactory) -> ClusterConfig:
    """What the replicas share, with the schema migrated once before any of them starts."""
    # A cluster-wide pool may use most of the Grid; without cluster mode each replica has a pool of its own,
    # so together they must not ask for more browsers than the Grid has slots.
    pool_size = grid.capacity - 2 if cluster_mode_available() else grid.capacity // REPLICA_COUNT
    config = ClusterConfig(database_url=shared_database, redis_url=shared_redis.url, hub_url=grid.hub_url,
                           sandbox_url=sandbox_server.url, sandbox_host_map=sandbox_server.host_map,
                           data_dir=tmp_path_factory.mktemp("shared-data"), browser_pool_size=pool_size)
    migrate(config)
    return config


@pytest.fixture(scope="session")
def replicas(cluster_config: ClusterConfig, process_logs: ProcessLogs,
             figures: Figures) -> Iterator[list[ApiReplica]]:
    """Two API replicas as separate processes, healthy. A test that kills one restarts it before it ends."""
    started = [ApiReplica(f"replica-{index}", cluster_config, process_logs) for index in range(1, REPLICA_COUNT + 1)]
    try:
        # The first one alone: it creates the checkpoint tables, which two replicas at once could race on.
        started[0].start()
        figures.record("replica_start_seconds", started[0].start_seconds)
        for replica in started[1:]:
            replica.start()
        yield started
    finally:
        for replica in started:
            replica.stop()


@pytest.fixture
def healthy_replicas(replicas: list[ApiReplica]) -> list[ApiReplica]:
    """The replicas, each restarted first if an earlier test left it down."""
    for replica in replicas:
        if not replica.process.alive():
            replica.start()
    return replicas


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        """Items outside tests/scale keep their place (first); ours follow in MODULE_ORDER."""
        package, _, module = item.module.__name__.rpartition(".") if isinstance(item, pytest.Function) else ("", "", "")
        if package != __name__.rpartition(".")[0]:
            return -1
        return MODULE_ORDER.index(module) if module in MODULE_ORDER else len(MODULE_ORDER)

    items.sort(key=rank)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, None]:
    outcome = yield
    report = outcome.get_result()
    logs = item.config.stash.get(LOGS_KEY, None)
    if report.failed and logs is not None:
        report.sections.append(("cluster process logs", logs.report()))


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    measured = config.stash.get(FIGURES_KEY, None)
    if measured is None or not measured.values:
        return
    terminalreporter.section("scale figures (durations in seconds)")
    for name, value in measured.values.items():
        terminalreporter.write_line(f"{name}: {value:.1f}")
    FIGURES_FILE.parent.mkdir(parents=True, exist_ok=True)
    FIGURES_FILE.write_text(json.dumps({"measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                                        "cpus": os.cpu_count(), **measured.values}, indent=2) + "\n")
