"""API replicas as separate processes (`python -m backend.cli serve`), configured only by EMODAL_AGENT_* variables."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from backend.config import Settings
from tests.scale.processes import ManagedProcess, ProcessFailed, ProcessLogs
from tests.support.services import free_port

REPO = Path(__file__).resolve().parents[2]
START_TIMEOUT_SECONDS = 120.0


def cluster_mode_available() -> bool:
    """Whether this build has cluster mode (`EMODAL_AGENT_CLUSTER`): Redis-coordinated runs and portal pool."""
    return "cluster" in Settings.model_fields


@dataclass(frozen=True)
class ClusterConfig:
    """What every replica shares: the database, Redis, the Grid, the sandbox, the keys."""

    database_url: str
    redis_url: str
    hub_url: str
    sandbox_url: str
    sandbox_host_map: str
    data_dir: Path
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    encryption_key: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    browser_pool_size: int = 6
    # Fifty users share six browsers here: a user's idle browser may go to another after a few seconds
    # (production keeps it 300 s, with a pool sized for its users).
    browser_pool_protect_seconds: int = 5
    # A login takes several seconds on a busy machine: waiting a while for room beats "busy, try again".
    browser_pool_wait_seconds: int = 60
    cluster: bool = True

    def environment(self) -> dict[str, str]:
        """The EMODAL_AGENT_* variables of a replica (production mode, as deployed)."""
        env = {
            "EMODAL_AGENT_ENV": "production",
            "EMODAL_AGENT_SECRET_KEY": self.secret_key,
            "EMODAL_AGENT_ENCRYPTION_KEY": self.encryption_key,
            "EMODAL_AGENT_REGISTRATION_OPEN": "true",
            "EMODAL_AGENT_DATABASE_URL": self.database_url,
            # One replica migrates, before any serves (`emodal-agent migrate`): replicas never race on the schema.
            "EMODAL_AGENT_AUTO_MIGRATE": "false",
            "EMODAL_AGENT_REDIS_URL": self.redis_url,
            "EMODAL_AGENT_REDIS_RETRY_SECONDS": "0.5",
            # Exports and screenshots: one folder all replicas share, as a shared volume would be.
            "EMODAL_AGENT_DATA_DIR": str(self.data_dir),
            "EMODAL_AGENT_WEBDRIVER_REMOTE_URL": self.hub_url,
            "EMODAL_AGENT_BROWSER_POOL_SIZE": str(self.browser_pool_size),
            "EMODAL_AGENT_BROWSER_POOL_PROTECT_SECONDS": str(self.browser_pool_protect_seconds),
            "EMODAL_AGENT_BROWSER_POOL_WAIT_SECONDS": str(self.browser_pool_wait_seconds),
            # The real host names, resolved by the node's Chromium to the sandbox (as in the demo).
            "EMODAL_AGENT_PORTAL_HOST_MAP": self.sandbox_host_map,
            "EMODAL_AGENT_CAPTCHA_BASE_URL": self.sandbox_url,
            "EMODAL_AGENT_CAPTCHA_POLL_SECONDS": "0.5",
        }
        if self.cluster and cluster_mode_available():
            env["EMODAL_AGENT_CLUSTER"] = "true"
        return env


def _base_environment() -> dict[str, str]:
    """This process's environment without any EMODAL_AGENT_* setting of the developer's shell."""
    return {name: value for name, value in os.environ.items() if not name.startswith("EMODAL_AGENT_")}


def migrate(config: ClusterConfig) -> None:
    """`emodal-agent migrate` once against the shared database, as a deployment does before starting replicas."""
    env = {**_base_environment(), **config.environment()}
    result = subprocess.run([sys.executable, "-m", "backend.cli", "migrate"], env=env, cwd=REPO,
                            capture_output=True, text=True, timeout=120, check=False)
    if result.returncode != 0:
        raise ProcessFailed(f"emodal-agent migrate failed:\n{result.stdout}\n{result.stderr}")


class ApiReplica:
    """One `emodal-agent serve` process on its own loopback port."""

    def __init__(self, name: str, config: ClusterConfig, logs: ProcessLogs) -> None:
        self.name = name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**_base_environment(), **config.environment(), "EMODAL_AGENT_REPLICA_ID": name}
        argv = [sys.executable, "-m", "backend.cli", "serve", "--host", "127.0.0.1", "--port", str(self.port)]
        self.process = logs.add(ManagedProcess(name, argv, env=env, log_dir=logs.log_dir, cwd=REPO))
        self.start_seconds = 0.0

    def start(self) -> ApiReplica:
        """Start it; return once /health answers 200."""
        started = time.monotonic()
        self.process.start()
        self.wait_healthy()
        self.start_seconds = time.monotonic() - started
        return self

    def wait_healthy(self) -> None:
        self.process.wait_until(self.healthy, timeout=START_TIMEOUT_SECONDS, what="/health answering 200")

    def healthy(self) -> bool:
        try:
            return httpx.get(f"{self.url}/health", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    def kill(self) -> None:
        """kill -9: no shutdown, no cleanup, as a crashed or evicted container."""
        self.process.kill()

    def restart(self) -> ApiReplica:
        """Start it again on the same port after a kill or stop."""
        self.process.stop()
        return self.start()

    def stop(self) -> None:
        self.process.stop()
