"""The command line: options, banner, and `python -m sandbox` serving on a port."""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from sandbox.accounts import DEFAULT_ACCOUNTS
from sandbox.cli import add_arguments, banner, config_from
from sandbox.server import SandboxServer

ROOT = Path(__file__).resolve().parents[2]


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    return parser.parse_args(list(argv))


class TestOptions:
    def test_defaults_and_overrides(self) -> None:
        args = parse("--port", "9001", "--seed", "3", "--containers", "500", "--captcha-delay", "0",
                     "--chaos-token", "t")
        config = config_from(args)
        assert (args.host, args.port) == ("127.0.0.1", 9001)
        assert (config.seed, config.containers_per_account, config.captcha_delay_seconds, config.chaos_token) == (
            3, 500, 0.0, "t")

    def test_banner_lists_accounts_and_solver_key(self) -> None:
        text = banner(config_from(parse()), "http://127.0.0.1:8099")
        for account in DEFAULT_ACCOUNTS:
            assert f"{account.username} / {account.password}" in text
        assert "sandbox-solver-key" in text and "http://127.0.0.1:8099" in text


class TestServe:
    def test_python_dash_m(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        process = subprocess.Popen([sys.executable, "-m", "sandbox", "--port", str(port), "--containers", "40"],
                                   cwd=ROOT, stdout=subprocess.PIPE, text=True)
        try:
            assert process.stdout is not None
            assert process.stdout.readline().startswith("E-Modal sandbox at")
            deadline = time.monotonic() + 20
            while True:
                try:
                    response = httpx.get(f"http://127.0.0.1:{port}/login", follow_redirects=True)
                    break
                except httpx.TransportError:
                    assert time.monotonic() < deadline
                    time.sleep(0.1)  # polling a starting server, not waiting for a page
            assert "Account/Login" in str(response.url)
        finally:
            process.terminate()
            process.wait(timeout=10)

    def test_server_context_manager_exposes_state(self) -> None:
        with SandboxServer() as server:
            assert server.url.startswith("http://127.0.0.1:")
            assert httpx.get(f"{server.url}/res.php", params={"key": "x", "action": "get", "id": "1"}).text == (
                "ERROR_KEY_DOES_NOT_EXIST")
            assert len(server.state.data["dispatch1"].containers) == 120
