"""A Selenium Grid 4 on loopback: one hub and N nodes, each a java process started by deploy/grid/run.sh."""

from __future__ import annotations

import os
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from tests.scale.processes import ManagedProcess, ProcessLogs
from tests.support.services import free_port, unavailable

REPO = Path(__file__).resolve().parents[2]
RUN_SH = REPO / "deploy" / "grid" / "run.sh"
SELENIUM_SERVER_VERSION = "4.20.0"
DEFAULT_JAR = (REPO / ".cache" / "selenium-server" / "node_modules" / "@nightwatch" / "selenium-server" / "lib"
               / f"selenium-server-{SELENIUM_SERVER_VERSION}.jar")
# A JVM that starts fast and stays small: the Grid only relays commands, it computes nothing.
JAVA_OPTS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -Xmx256m"
START_TIMEOUT_SECONDS = 180.0


def selenium_server_jar() -> Path:
    """The jar `make grid-jar` installs (or SELENIUM_SERVER_JAR); skip or fail plainly when it or java is missing."""
    jar = Path(os.environ.get("SELENIUM_SERVER_JAR") or DEFAULT_JAR)
    if shutil.which("java") is None:
        unavailable("java is not installed (the Selenium Grid needs Java 17: apt-get install openjdk-17-jre-headless)")
    if not jar.is_file():
        unavailable(f"the Selenium server jar is missing at {jar} (run 'make grid-jar')")
    return jar


def grid_status(hub_url: str) -> dict[str, Any] | None:
    """The hub's /status `value`, or None while it does not answer."""
    try:
        response = httpx.get(f"{hub_url}/status", timeout=2)
        value: dict[str, Any] = response.json()["value"]
        return value
    except (httpx.HTTPError, ValueError, KeyError):
        return None


@dataclass(frozen=True)
class GridSession:
    """A browser session the hub knows of: its WebDriver id and the node it runs on."""

    session_id: str
    node_uri: str


class SeleniumGrid:
    """A hub and `node_count` nodes on 127.0.0.1, all on free ports."""

    def __init__(self, logs: ProcessLogs, *, node_count: int = 2, max_sessions: int = 4) -> None:
        self.jar = selenium_server_jar()
        self.logs = logs
        self.hub_port, publish, subscribe = free_port(), free_port(), free_port()
        self.hub_url = f"http://127.0.0.1:{self.hub_port}"
        self.node_count = node_count
        self.max_sessions = max_sessions
        base = {**os.environ, "SELENIUM_SERVER_JAR": str(self.jar), "GRID_HOST": "127.0.0.1",
                "GRID_HUB": "127.0.0.1", "GRID_HUB_PORT": str(self.hub_port),
                "GRID_EVENT_PUBLISH_PORT": str(publish), "GRID_EVENT_SUBSCRIBE_PORT": str(subscribe),
                "JAVA_OPTS": JAVA_OPTS}
        self.hub = logs.add(ManagedProcess("grid-hub", [str(RUN_SH), "hub"], env=base, log_dir=logs.log_dir))
        self.nodes: list[ManagedProcess] = []
        for index in range(1, node_count + 1):
            config = self._node_config(logs.log_dir / f"grid-node-{index}.toml")
            env = {**base, "GRID_NODE_PORT": str(free_port()), "GRID_NODE_CONFIG": str(config)}
            self.nodes.append(logs.add(ManagedProcess(f"grid-node-{index}", [str(RUN_SH), "node"], env=env,
                                                      log_dir=logs.log_dir)))
        self.start_seconds = 0.0

    def _node_config(self, path: Path) -> Path:
        """deploy/grid/node.toml as an operator would adapt it: only max-sessions changes."""
        template = (RUN_SH.parent / "node.toml").read_text()
        path.write_text(template.replace("max-sessions = 4", f"max-sessions = {self.max_sessions}"))
        return path

    def start(self) -> SeleniumGrid:
        """Start the hub and every node at once; return when the hub is ready with every node registered."""
        started = time.monotonic()
        self.hub.start()
        for node in self.nodes:
            node.start()
        self.hub.wait_until(self.ready, timeout=START_TIMEOUT_SECONDS,
                            what=f"a ready hub with {self.node_count} nodes up")
        self.start_seconds = time.monotonic() - started
        return self

    def ready(self) -> bool:
        """The hub answers ready and every node is registered and UP."""
        status = grid_status(self.hub_url)
        if status is None or not status.get("ready"):
            return False
        nodes = status.get("nodes", [])
        return len(nodes) == self.node_count and all(node.get("availability") == "UP" for node in nodes)

    def sessions(self) -> list[GridSession]:
        """Every browser session running on the Grid now."""
        status = grid_status(self.hub_url) or {}
        return [GridSession(slot["session"]["sessionId"], node["uri"])
                for node in status.get("nodes", []) for slot in node.get("slots", []) if slot.get("session")]

    @property
    def capacity(self) -> int:
        return self.node_count * self.max_sessions

    def stop(self) -> None:
        """Stop the nodes (and their browsers), then the hub."""
        for node in self.nodes:
            node.stop()
        self.hub.stop()


class SessionWatch:
    """Every Grid session seen while a block runs, and the most at once (polls the hub's /status)."""

    def __init__(self, grid: SeleniumGrid, interval: float = 0.2) -> None:
        self.grid = grid
        self.interval = interval
        self.seen: set[GridSession] = set()
        self.peak = 0
        self.counts: list[tuple[float, int]] = []  # (monotonic time, sessions then)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _look(self) -> None:
        now = self.grid.sessions()
        self.seen.update(now)
        self.peak = max(self.peak, len(now))
        self.counts.append((time.monotonic(), len(now)))

    def seconds_above(self, limit: int) -> float:
        """How long more than `limit` sessions ran at once (between two looks, counted from the first)."""
        return sum(later[0] - earlier[0] for earlier, later in zip(self.counts, self.counts[1:], strict=False)
                   if earlier[1] > limit)

    def _watch(self) -> None:
        while not self._stop.is_set():
            self._look()
            self._stop.wait(self.interval)

    def __enter__(self) -> SessionWatch:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=10)
        self._look()
