"""Helpers of the connector tests: a recorder kept in memory, a connector config, sandbox credentials."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

from EModal.browser import RemoteSession
from EModal.config import ConnectorConfig, PortalUrls
from EModal.records import Credentials
from tests.support.sandbox import CHAOS_TOKEN, SOLVER_KEY, chaos, start_sandbox

__all__ = ["CHAOS_TOKEN", "SOLVER_KEY", "MemoryRecorder", "chaos", "connector_config", "credentials", "start_sandbox"]


class MemoryRecorder:
    """The recorder protocol over a dict, with every call kept for assertions."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.live: dict[str, str] = {}
        self.remote: dict[str, RemoteSession] = {}  # portal session id -> where its browser lives
        self.events: list[tuple[Any, ...]] = []

    def find_live_portal_session(self, account_key: str) -> str | None:
        with self._lock:
            return self.live.get(account_key)

    def portal_session_started(self, account_key: str, portal_session_id: str, *,
                               remote: RemoteSession | None = None) -> None:
        with self._lock:
            if remote is not None:
                self.remote[portal_session_id] = remote
            self.live[account_key] = portal_session_id
            self.events.append(("started", account_key, portal_session_id))

    def portal_session_replaced(self, account_key: str, old_id: str, new_id: str, *,
                                remote: RemoteSession | None = None) -> None:
        with self._lock:
            if remote is not None:
                self.remote[new_id] = remote
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



def connector_config(base_url: str, files_dir: Path, *, host_map: str = "", **overrides: Any) -> ConnectorConfig:
    """A connector config for a sandbox: the real `https://*.emodal.com` addresses mapped onto it when `host_map`
    is given (as the tests do), else every address on its one plain-HTTP address."""
    config = ConnectorConfig(
        portal=PortalUrls() if host_map else PortalUrls.for_base(base_url),
        portal_host_map=host_map,
        captcha_base_url=base_url,
        captcha_poll_seconds=0.05,
        captcha_timeout_seconds=20,
        page_timeout_seconds=20,
        pool_size=4,
        keepalive_check_seconds=3600,
        files_dir=files_dir,
    )
    return replace(config, **overrides)



def credentials(username: str = "dispatch1", password: str | None = None, key: str = SOLVER_KEY) -> Credentials:
    """Credentials of a sandbox account (the default passwords unless one is given)."""
    from sandbox.accounts import DEFAULT_ACCOUNTS

    account = next(a for a in DEFAULT_ACCOUNTS if a.username == username)
    return Credentials(username, password if password is not None else account.password, key)
