"""Cluster figures on the scale-test harness (Selenium Grid hub + 2 nodes, sandbox, PostgreSQL, Redis, API replicas
as processes in cluster mode): /ask throughput on one and on two replicas, portal logins per conversation
cluster-wide, and the first ask through replica B of a user whose browser was logged in through replica A.

Logins are warm before throughput is measured: every dispatcher's first ask (its portal login) is made through
replica A, and once through replica B before the two-replica round, so those rounds time warm asks only.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for entry in (str(ROOT), str(ROOT / "src")):
    if entry not in sys.path:
        sys.path.insert(0, entry)

# The harness reports a missing service as a pytest skip (a BaseException): _cluster turns it into an error.
import pytest  # noqa: E402

from tests.scale.client import Dispatcher  # noqa: E402
from tests.scale.grid import DEFAULT_JAR, SeleniumGrid  # noqa: E402
from tests.scale.portal import SandboxPortal  # noqa: E402
from tests.scale.processes import ProcessLogs  # noqa: E402
from tests.scale.replicas import ApiReplica, ClusterConfig, cluster_mode_available, migrate  # noqa: E402
from tests.support.services import RedisServer, fresh_postgres_database  # noqa: E402

PREGATED = "MSDU5772413"
QUESTION = f"has {PREGATED} passed pregate?"
ANSWER = f"Yes: **{PREGATED}** passed Pregate"
DISPATCHERS = 8
QUESTIONS_EACH = 3
REATTACH_USERS = 2
# Every dispatcher and every re-attach user keeps one warm browser all run long: the pool holds them all, so a
# login counted here is never one forced by another user taking the browser.
POOL_SIZE = DISPATCHERS + REATTACH_USERS
NODE_SESSIONS = POOL_SIZE // 2 + 1


class HarnessUnavailable(RuntimeError):
    """The cluster harness cannot run on this machine (no java, no Selenium server jar, no redis-server...)."""


def _require_harness() -> None:
    """Fail plainly, before starting anything, when a part of the cluster is missing."""
    jar = Path(os.environ.get("SELENIUM_SERVER_JAR") or DEFAULT_JAR)
    missing = [what for what, ok in (
        ("java (apt-get install openjdk-17-jre-headless)", shutil.which("java") is not None),
        (f"the Selenium server jar at {jar} (make grid-jar)", jar.is_file()),
        ("redis-server (apt-get install redis-server)", shutil.which("redis-server") is not None),
        ("/usr/bin/chromium and /usr/bin/chromedriver (make bootstrap)",
         Path("/usr/bin/chromium").exists() and Path("/usr/bin/chromedriver").exists()),
        ("cluster mode (EMODAL_AGENT_CLUSTER) in this build", cluster_mode_available()),
    ) if not ok]
    if missing:
        raise HarnessUnavailable("the cluster benchmark cannot run; missing: " + "; ".join(missing))


@dataclass
class Cluster:
    """The running harness: the sandbox, the Grid, and replicas A and B (B started only for the second round)."""

    sandbox: SandboxPortal
    grid: SeleniumGrid
    first: ApiReplica
    second: ApiReplica
    logs: ProcessLogs


@contextmanager
def _cluster(work: Path) -> Iterator[Cluster]:
    """Start the Grid, the sandbox, Redis, a fresh database and replica A; stop everything afterwards."""
    logs = ProcessLogs(work)
    with ExitStack() as stack:
        try:
            grid = SeleniumGrid(logs, node_count=2, max_sessions=NODE_SESSIONS)
            stack.callback(grid.stop)
            grid.start()
            sandbox = SandboxPortal.start()
            stack.callback(sandbox.stop)
            redis_server = RedisServer().start()
            stack.callback(redis_server.close)
            database_url = stack.enter_context(fresh_postgres_database())
        except (pytest.skip.Exception, pytest.fail.Exception) as exc:
            raise HarnessUnavailable(f"the cluster benchmark cannot run: {exc}") from None
        (work / "data").mkdir()
        config = ClusterConfig(database_url=database_url, redis_url=redis_server.url, hub_url=grid.hub_url,
                               sandbox_url=sandbox.url, sandbox_host_map=sandbox.host_map, data_dir=work / "data",
                               browser_pool_size=POOL_SIZE, browser_pool_protect_seconds=300)
        migrate(config)
        first, second = (ApiReplica(name, config, logs) for name in ("replica-a", "replica-b"))
        stack.callback(second.stop)
        stack.callback(first.stop)
        first.start()
        print(f"   grid up in {grid.start_seconds:.1f} s, replica A in {first.start_seconds:.1f} s", flush=True)
        try:
            yield Cluster(sandbox, grid, first, second, logs)
        except Exception:
            print(logs.report(lines=15), file=sys.stderr, flush=True)
            raise


@dataclass
class Round:
    """What one round of asks gave: latencies of the answers, wrong answers, the wall time, the threads seen."""

    latencies: list[float] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    threads: dict[str, str] = field(default_factory=dict)  # username -> thread id
    wall_seconds: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def ask(self, user: Dispatcher, replica: ApiReplica) -> float:
        """Ask the pregate question in the user's conversation through `replica`; return the seconds it took."""
        started = time.monotonic()
        response = user.ask(replica, QUESTION, thread_id=self.threads.get(user.username))
        seconds = time.monotonic() - started
        with self.lock:
            if response.status_code != 200:
                self.wrong.append(f"{user.username} via {replica.name}: {response.status_code} {response.text[:200]}")
                return seconds
            turn = response.json()
            self.threads[user.username] = str(turn["thread_id"])
            if not str(turn["answer"]).startswith(ANSWER):
                self.wrong.append(f"{user.username} via {replica.name}: {str(turn['answer'])[:200]!r}")
            else:
                self.latencies.append(seconds)
        return seconds


def _round(users: list[Dispatcher], replicas: list[ApiReplica], questions: int, threads: dict[str, str]) -> Round:
    """Every user asks `questions` times at once with the others; its k-th ask goes to replica (i + k) mod n."""
    outcome = Round(threads=threads)

    def one(index: int, user: Dispatcher) -> None:
        for k in range(questions):
            outcome.ask(user, replicas[(index + k) % len(replicas)])

    started = time.monotonic()
    with ThreadPoolExecutor(len(users)) as pool:
        for future in [pool.submit(one, index, user) for index, user in enumerate(users)]:
            future.result()
    outcome.wall_seconds = time.monotonic() - started
    return outcome


def _throughput(label: str, outcome: Round) -> dict[str, float]:
    for wrong in outcome.wrong:
        print(f"   wrong ({label}): {wrong}", file=sys.stderr, flush=True)
    latencies = outcome.latencies or [float("nan")]
    return {
        f"cluster_ask_{label}_answers_per_s": round(len(outcome.latencies) / outcome.wall_seconds, 3),
        f"cluster_ask_{label}_p50_s": round(statistics.median(latencies), 2),
        f"cluster_ask_{label}_max_s": round(max(latencies), 2),
        f"cluster_ask_{label}_wrong": float(len(outcome.wrong)),
        f"cluster_ask_{label}_wall_s": round(outcome.wall_seconds, 1),
    }


def _new_user(cluster: Cluster) -> Dispatcher:
    """A user registered through replica A with a stored sandbox account (dispatch1: accounts repeat)."""
    user = Dispatcher.register(cluster.first)
    user.add_sandbox_account(cluster.first)
    return user


def _logins(cluster: Cluster) -> int:
    return sum(cluster.sandbox.login_counts().values())


def _reattach(cluster: Cluster, users: list[Dispatcher], threads: dict[str, str]) -> dict[str, float]:
    """Each user's first ask logs in through one replica (cold); its next, through the other, re-attaches."""
    cold: list[float] = []
    reattach: list[float] = []
    wrong: list[str] = []
    reattach_logins = 0
    for index, user in enumerate(users):
        login_via, reattach_via = ((cluster.first, cluster.second) if index % 2 == 0
                                   else (cluster.second, cluster.first))
        outcome = Round(threads=threads)
        cold.append(outcome.ask(user, login_via))
        before = _logins(cluster)
        reattach.append(outcome.ask(user, reattach_via))
        reattach_logins += _logins(cluster) - before
        wrong.extend(outcome.wrong)
    for line in wrong:
        print(f"   wrong (re-attach): {line}", file=sys.stderr, flush=True)
    return {
        "cluster_cold_first_ask_with_login_s": round(statistics.median(cold), 2),
        "cluster_reattach_first_ask_other_replica_s": round(statistics.median(reattach), 2),
        "cluster_reattach_new_logins": float(reattach_logins),
        "cluster_reattach_wrong": float(len(wrong)),
    }


def _measure(cluster: Cluster) -> dict[str, float]:
    figures: dict[str, float] = {}
    users = [_new_user(cluster) for _ in range(DISPATCHERS)]
    extra = [_new_user(cluster) for _ in range(REATTACH_USERS)]
    try:
        threads: dict[str, str] = {}
        warm = _round(users, [cluster.first], 1, threads)  # every portal login, through replica A
        print(f"   {DISPATCHERS} warm logins through replica A in {warm.wall_seconds:.1f} s", flush=True)
        figures.update(_throughput("1_replica", _round(users, [cluster.first], QUESTIONS_EACH, threads)))

        cluster.second.start()
        print(f"   replica B up in {cluster.second.start_seconds:.1f} s", flush=True)
        attach = _round(users, [cluster.second], 1, threads)  # each browser attached once through B too
        print(f"   {DISPATCHERS} browsers attached through replica B in {attach.wall_seconds:.1f} s", flush=True)
        both = [cluster.first, cluster.second]
        figures.update(_throughput("2_replicas", _round(users, both, QUESTIONS_EACH, threads)))
        wrong_warmup = len(warm.wrong) + len(attach.wrong)
        for line in warm.wrong + attach.wrong:
            print(f"   wrong (warm-up): {line}", file=sys.stderr, flush=True)

        figures.update(_reattach(cluster, extra, threads))
        conversations = len(threads)
        logins = _logins(cluster)
        figures.update({
            "cluster_conversations": float(conversations),
            "cluster_portal_logins": float(logins),
            "cluster_logins_per_conversation": round(logins / conversations, 3) if conversations else float("nan"),
            "cluster_warmup_wrong": float(wrong_warmup),
            "cluster_browsers_on_grid_at_end": float(len(cluster.grid.sessions())),
        })
    finally:
        for user in users + extra:
            user.close()
    return figures


def run() -> dict[str, float]:
    """All cluster figures (about three minutes on two cores)."""
    _require_harness()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="bench-cluster-") as tmp, _cluster(Path(tmp)) as cluster:
        figures = _measure(cluster)
    figures["cluster_bench_wall_s"] = round(time.monotonic() - started, 1)
    return figures


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key} = {value}")
