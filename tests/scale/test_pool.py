"""Items 2, 3 and 5 of the cluster: portal sessions are Grid sessions any replica re-attaches to, warm logins
outlive the replicas, and the pool's limit holds for the whole cluster with fifty users on both replicas."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from sandbox.accounts import DISPATCH1
from tests.scale.client import Dispatcher
from tests.scale.figures import Figures
from tests.scale.grid import SeleniumGrid, SessionWatch
from tests.scale.portal import SandboxPortal
from tests.scale.replicas import ApiReplica, ClusterConfig

pytestmark = [pytest.mark.scale, pytest.mark.timeout(1200)]

PREGATED = "MSDU5772413"
QUESTION = f"has {PREGATED} passed pregate?"
ANSWER = f"Yes: **{PREGATED}** passed Pregate"
USERS = 50
CONCURRENT_CLIENTS = 10
BUSY_DEADLINE_SECONDS = 600.0
BUSY_ANSWER = re.compile(r"busy[^.]*; try again in (\d+) s")


@pytest.fixture
def dispatcher(healthy_replicas: list[ApiReplica]) -> Iterator[Dispatcher]:
    user = Dispatcher.register(healthy_replicas[0])
    user.add_sandbox_account(healthy_replicas[0])
    try:
        yield user
    finally:
        user.close()


def test_warm_logins_outlive_a_restart_of_every_replica(dispatcher: Dispatcher, healthy_replicas: list[ApiReplica],
                                                        sandbox_server: SandboxPortal, grid: SeleniumGrid,
                                                        figures: Figures) -> None:
    first, second = healthy_replicas
    assert dispatcher.answer(first, QUESTION)["answer"].startswith(ANSWER)
    logins = sandbox_server.login_counts().get(DISPATCH1.username, 0)
    browsers = set(grid.sessions())

    first.stop()  # a rolling deploy: stopped in order
    first.start()
    second.kill()  # a crash: no shutdown at all
    second.start()

    with figures.timed("ask_after_restart_of_both_replicas_seconds"):
        assert dispatcher.answer(second, QUESTION)["answer"].startswith(ANSWER)
    assert dispatcher.answer(first, QUESTION)["answer"].startswith(ANSWER)
    assert sandbox_server.login_counts().get(DISPATCH1.username, 0) == logins, (
        "a replica logged in again instead of re-attaching to the warm browser on the Grid")
    assert set(grid.sessions()) == browsers, "the browsers on the Grid changed across the restarts"


class _Outcome:
    """What happened to one user's question, gathered from a worker thread."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.answers: dict[str, str] = {}
        self.busy_replies = 0
        self.failures: dict[str, str] = {}


def _busy_for(response: httpx.Response) -> float | None:
    """Seconds to wait when the reply says "busy, try again in N s": a 503 with Retry-After, or the assistant's
    answer saying so (the agent's tool met the full pool and told the user in words)."""
    if response.status_code == 503 and "Retry-After" in response.headers:
        return float(response.headers["Retry-After"])
    if response.status_code == 200:
        said = BUSY_ANSWER.search(str(response.json()["answer"]))
        return float(said.group(1)) if said else None
    return None


def _ask_until_answered(user: Dispatcher, replica: ApiReplica, outcome: _Outcome) -> None:
    """Ask; while the reply is "busy, try again in N s", wait as told and ask again, as a dispatcher would."""
    deadline = time.monotonic() + BUSY_DEADLINE_SECONDS
    pause = threading.Event()
    while True:
        response = user.ask(replica, QUESTION)
        wait = _busy_for(response)
        if wait is None or time.monotonic() > deadline:
            with outcome.lock:
                if response.status_code == 200:
                    outcome.answers[user.username] = str(response.json()["answer"])
                else:
                    outcome.failures[user.username] = f"{replica.name}: {response.status_code} {response.text[:300]}"
            return
        with outcome.lock:
            outcome.busy_replies += 1
        pause.wait(wait)


def test_fifty_users_on_both_replicas_stay_within_the_pool(healthy_replicas: list[ApiReplica], grid: SeleniumGrid,
                                                          cluster_config: ClusterConfig, figures: Figures) -> None:
    users = []
    for index in range(USERS):
        replica = healthy_replicas[index % len(healthy_replicas)]
        user = Dispatcher.register(replica)
        user.add_sandbox_account(replica)
        users.append(user)
    outcome = _Outcome()
    try:
        with figures.timed("fifty_users_one_portal_question_each_seconds"), SessionWatch(grid) as watch, \
                ThreadPoolExecutor(CONCURRENT_CLIENTS) as clients:
            # Each user asks through the replica it did not register on.
            for index, user in enumerate(users):
                clients.submit(_ask_until_answered, user, healthy_replicas[(index + 1) % len(healthy_replicas)],
                               outcome)
    finally:
        for user in users:
            user.close()
    figures.record("fifty_users_busy_replies", float(outcome.busy_replies))
    figures.record("fifty_users_peak_browsers", float(watch.peak))
    limit = cluster_config.browser_pool_size
    figures.record("fifty_users_seconds_above_pool_size", watch.seconds_above(limit))
    left = len(grid.sessions())
    assert left <= limit, f"{left} browsers are left on the Grid after the run; the pool allows {limit}"
    assert not outcome.failures, outcome.failures
    wrong = {name: answer[:200] for name, answer in outcome.answers.items() if not answer.startswith(ANSWER)}
    assert len(outcome.answers) == USERS and not wrong, f"{len(wrong)} wrong answers: {wrong}"
    above = watch.seconds_above(limit)
    assert watch.peak <= limit, (f"{watch.peak} browsers ran on the Grid at once ({above:.1f} s above {limit} in all); "
                                 f"the cluster's pool allows {limit}")
