"""Helpers of the connector tests: a recorder kept in memory, a sandbox, chaos switches."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx

from EModal.config import ConnectorConfig, PortalUrls
from EModal.records import Credentials

CHAOS_TOKEN = "emodal-tests-chaos"
SOLVER_KEY = "sandbox-solver-key"


class MemoryRecorder:
    """The recorder protocol over a dict, with every call kept for assertions."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.live: dict[str, str] = {}
        self.events: list[tuple[Any, ...]] = []

    def find_live_portal_session(self, account_key: str) -> str | None:
        with self._lock:
            return self.live.get(account_key)

    def portal_session_started(self, account_key: str, portal_session_id: str) -> None:
        with self._lock:
            self.live[account_key] = portal_session_id
            self.events.append(("started", account_key, portal_session_id))

    def portal_session_replaced(self, account_key: str, old_id: str, new_id: str) -> None:
        with self._lock:
            self.live.pop(account_key, None)
            self.live[account_key] = new_id
            self.events.append(("replaced", account_key, old_id, new_id))

    def portal_session_used(self, account_key: str, portal_session_id: str) -> None:
        with self._lock:
            self.events.append(("used", account_key, portal_session_id))

    def portal_session_closed(self, account_key: str, portal_session_id: str, reason: str) -> None:
        with self._lock:
            if self.live.get(account_key) == portal_session_id:
                del self.live[account_key]
            self.events.append(("closed", account_key, portal_session_id, reason))

    def of_kind(self, kind: str) -> list[tuple[Any, ...]]:
        with self._lock:
            return [e for e in self.events if e[0] == kind]


def start_sandbox(**overrides: Any) -> tuple[Any, str]:
    """Start a sandbox portal in this process; return (server, base URL)."""
    from sandbox.config import SandboxConfig
    from sandbox.server import SandboxServer

    values: dict[str, Any] = {"captcha_delay_seconds": 0, "chaos_token": CHAOS_TOKEN}
    values.update(overrides)
    server = SandboxServer(SandboxConfig(**values))
    return server, server.start().rstrip("/")


def connector_config(base_url: str, files_dir: Path, **overrides: Any) -> ConnectorConfig:
    """A connector config pointed at a sandbox."""
    config = ConnectorConfig(
        portal=PortalUrls.for_base(base_url),
        captcha_base_url=base_url,
        captcha_poll_seconds=0.05,
        captcha_timeout_seconds=20,
        page_timeout_seconds=20,
        pool_size=4,
        keepalive_check_seconds=3600,
        files_dir=files_dir,
    )
    return replace(config, **overrides)


def chaos(base_url: str, action: str, **body: Any) -> dict[str, Any]:
    """Flip a sandbox chaos switch."""
    response = httpx.post(f"{base_url}/_chaos/{action}", json=body, headers={"X-Chaos-Token": CHAOS_TOKEN}, timeout=10)
    response.raise_for_status()
    result: dict[str, Any] = response.json()
    return result


def credentials(username: str = "dispatch1", password: str | None = None, key: str = SOLVER_KEY) -> Credentials:
    """Credentials of a sandbox account (the default passwords unless one is given)."""
    from sandbox.accounts import DEFAULT_ACCOUNTS

    account = next(a for a in DEFAULT_ACCOUNTS if a.username == username)
    return Credentials(username, password if password is not None else account.password, key)
