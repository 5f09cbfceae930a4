"""A sandbox portal for any test: started in this process, with its chaos switches on."""

from __future__ import annotations

from typing import Any

import httpx

CHAOS_TOKEN = "emodal-tests-chaos"
SOLVER_KEY = "sandbox-solver-key"


def start_sandbox(*, https: bool = True, **overrides: Any) -> tuple[Any, str]:
    """Start a sandbox portal in this process; return (server, plain-HTTP base URL of its solver and switches).

    With `https` (the default) it also serves the real `https://*.emodal.com` names; `server.host_map` is what
    a browser must resolve them to. A checkbox click always opens a challenge here, as it nearly always does
    for an automated browser, so a fallback to the audio challenge is exercised every time.
    """
    from sandbox.config import SandboxConfig
    from sandbox.server import SandboxServer

    values: dict[str, Any] = {"captcha_delay_seconds": 0, "chaos_token": CHAOS_TOKEN, "recaptcha_challenge": "always"}
    values.update(overrides)
    server = SandboxServer(SandboxConfig(**values), https=https)
    return server, server.start().rstrip("/")


def portal_settings(server: Any) -> dict[str, str]:
    """`Settings` values that reach a sandbox under the real host names (as the demo does).

    Use as `Settings(..., **portal_settings(server))` in place of `portal_base_url=url`.
    """
    return {"portal_base_url": "", "portal_host_map": str(server.host_map), "captcha_base_url": str(server.url)}


def chaos(base_url: str, action: str, **body: Any) -> dict[str, Any]:
    """Flip a sandbox chaos switch."""
    response = httpx.post(f"{base_url}/_chaos/{action}", json=body, headers={"X-Chaos-Token": CHAOS_TOKEN}, timeout=10)
    response.raise_for_status()
    result: dict[str, Any] = response.json()
    return result


def login_counts(base_url: str) -> dict[str, int]:
    """How many times each sandbox account logged in since the sandbox started."""
    response = httpx.get(f"{base_url}/_chaos/logins", headers={"X-Chaos-Token": CHAOS_TOKEN}, timeout=10)
    response.raise_for_status()
    counts: dict[str, int] = response.json()["logins"]
    return counts
