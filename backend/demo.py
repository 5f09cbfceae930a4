"""The product on its embedded defaults: sandbox portal and solver, the API, a demo user and account.

The one module of the product that may import the sandbox (`emodal-agent sandbox`, `demo`, `ask --demo`).
"""

from __future__ import annotations

import argparse
import socket
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from backend.config import Settings
from sandbox.accounts import DISPATCH1
from sandbox.config import SandboxConfig
from sandbox.server import SandboxServer

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo-password"
SAMPLE_QUESTION = "has MSDU5772413 passed pregate?"


@dataclass
class DemoStack:
    """A running sandbox and API, and a client logged in as the demo user."""

    sandbox: SandboxServer
    api: uvicorn.Server
    api_thread: threading.Thread
    url: str
    client: httpx.Client

    def ask(self, question: str) -> dict[str, Any]:
        """Ask the agent one question as the demo user."""
        response = self.client.post("/ask", json={"message": question})
        if response.status_code != 200:
            raise RuntimeError(response.json().get("error", {}).get("message", response.text))
        answer: dict[str, Any] = response.json()
        return answer

    def stop(self) -> None:
        """Stop the API, then the sandbox."""
        self.client.close()
        self.api.should_exit = True
        self.api_thread.join(timeout=30)
        self.sandbox.stop()


def demo_settings(base: Settings, sandbox: SandboxServer) -> Settings:
    """The settings pointed at the sandbox (everything else as configured, defaults by default).

    The portal keeps its real `https://*.emodal.com` addresses: the browser resolves them to the sandbox's HTTPS
    listener (`portal_host_map`), so the demo runs the widget and the sign-on hop as production would.
    """
    return base.model_copy(update={"portal_base_url": "", "portal_host_map": sandbox.host_map,
                                   "captcha_base_url": sandbox.url, "captcha_poll_seconds": 0.5})


def start_demo(base: Settings, *, host: str, port: int, captcha_delay: float, sandbox_port: int = 0,
               sandbox_https_port: int = 0) -> DemoStack:
    """Start the sandbox and the API, and make sure the demo user and its E-Modal account exist."""
    from backend.app import create_app  # the whole app only for the commands that serve it

    sandbox = SandboxServer(SandboxConfig(captcha_delay_seconds=captcha_delay), port=sandbox_port, https=True,
                            https_port=sandbox_https_port)
    sandbox.start()
    settings = demo_settings(base, sandbox)
    api = uvicorn.Server(uvicorn.Config(create_app(settings), host=host, port=port, log_level="warning"))
    api_thread = threading.Thread(target=api.run, name="emodal-agent-api", daemon=True)
    api_thread.start()
    started = threading.Event()
    for _ in range(600):
        if api.started or not api_thread.is_alive():
            break
        started.wait(0.05)
    if not api.started:
        sandbox.stop()
        raise RuntimeError(f"the API did not start on {host}:{port} (is the port in use?)")
    url = f"http://{host}:{port}"
    client = httpx.Client(base_url=url, timeout=600)
    client.post("/auth/register", json={"username": DEMO_USERNAME, "password": DEMO_PASSWORD})
    tokens = client.post("/auth/login", data={"username": DEMO_USERNAME, "password": DEMO_PASSWORD})
    tokens.raise_for_status()
    client.headers["Authorization"] = f"Bearer {tokens.json()['access_token']}"
    if not client.get("/accounts").json():
        client.post("/accounts", json={"label": "Sandbox: K & R Transportation", "username": DISPATCH1.username,
                                       "password": DISPATCH1.password,
                                       "captcha_api_key": sandbox.config.solver_api_key}).raise_for_status()
    return DemoStack(sandbox=sandbox, api=api, api_thread=api_thread, url=url, client=client)


def data_dir_for_one_question(base: Settings, folder: Path) -> Settings:
    """Settings that keep a one-off question's data in `folder` (unless a database is configured)."""
    if base.database_url:
        return base
    return base.model_copy(update={"data_dir": folder})


def free_port() -> int:
    """A loopback TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def add_sandbox_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `emodal-agent sandbox` (the sandbox's own)."""
    from sandbox.cli import add_arguments

    add_arguments(parser)


def run_sandbox(args: argparse.Namespace) -> int:
    """Serve the sandbox portal and solver until interrupted."""
    from sandbox.cli import run

    return run(args)
