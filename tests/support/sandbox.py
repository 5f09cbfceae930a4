"""A sandbox portal for any test: started in this process, with its chaos switches on."""

from __future__ import annotations

from typing import Any

import httpx

CHAOS_TOKEN = "emodal-tests-chaos"
SOLVER_KEY = "sandbox-solver-key"


def start_sandbox(**overrides: Any) -> tuple[Any, str]:
    """Start a sandbox portal in this process; return (server, base URL)."""
    from sandbox.config import SandboxConfig
    from sandbox.server import SandboxServer

    values: dict[str, Any] = {"captcha_delay_seconds": 0, "chaos_token": CHAOS_TOKEN}
    values.update(overrides)
    server = SandboxServer(SandboxConfig(**values))
    return server, server.start().rstrip("/")


def chaos(base_url: str, action: str, **body: Any) -> dict[str, Any]:
    """Flip a sandbox chaos switch."""
    response = httpx.post(f"{base_url}/_chaos/{action}", json=body, headers={"X-Chaos-Token": CHAOS_TOKEN}, timeout=10)
    response.raise_for_status()
    result: dict[str, Any] = response.json()
    return result
