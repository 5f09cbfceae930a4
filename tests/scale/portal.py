"""The sandbox portal for the cluster: served from the test process on loopback, where the Grid's browsers reach it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import httpx

from tests.support.sandbox import CHAOS_TOKEN, start_sandbox


@dataclass
class SandboxPortal:
    """A running sandbox: its plain-HTTP address (solver, chaos switches) and where `*.emodal.com` resolves to."""

    server: Any
    url: str

    @classmethod
    def start(cls) -> SandboxPortal:
        server, url = start_sandbox()
        return cls(server=server, url=url)

    @property
    def host_map(self) -> str:
        return str(self.server.host_map)

    def login_counts(self) -> dict[str, int]:
        """Successful portal logins per sandbox account since the sandbox started."""
        response = httpx.get(f"{self.url}/_chaos/logins", headers={"X-Chaos-Token": CHAOS_TOKEN}, timeout=10)
        if response.status_code not in (404, 405):
            response.raise_for_status()
            counts: dict[str, int] = response.json()["logins"]
            return counts
        # A sandbox without the counter: every login opened one portal session record (kept until it stops).
        records = {id(record): record for record in self.server.state.logins.by_cookie.values()}
        return dict(Counter(record.username for record in records.values()))

    def stop(self) -> None:
        self.server.stop()
