"""The one-command demo and the one-question command, as a person runs them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest

from tests.support.services import free_port

pytestmark = pytest.mark.browser


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "EMODAL_AGENT_DATA_DIR": str(tmp_path)}


def test_ask_demo_answers_one_question_and_exits(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "backend.cli", "ask", "--demo", "has MSDU5772413 passed pregate?"],
        capture_output=True, text=True, timeout=300, env=_env(tmp_path), check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Yes: **MSDU5772413** passed Pregate")
    assert "Traceback" not in result.stderr


def test_demo_serves_the_product_until_interrupted(tmp_path: Path) -> None:
    port, sandbox_port = free_port(), free_port()
    demo = subprocess.Popen(
        [sys.executable, "-m", "backend.cli", "demo", "--port", str(port), "--sandbox-port", str(sandbox_port),
         "--captcha-delay", "0.5"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=_env(tmp_path),
    )
    lines: list[str] = []
    serving = threading.Event()

    def read() -> None:
        assert demo.stdout is not None
        for line in demo.stdout:
            lines.append(line)
            if "serving until Ctrl-C" in line:
                serving.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert serving.wait(240), "".join(lines)
        output = "".join(lines)
        assert f"open http://127.0.0.1:{port}/ and log in as demo / demo-password" in output
        assert "Yes: **MSDU5772413** passed Pregate" in output
        assert "sandbox-solver-key" not in output and "Sandbox-Pass-1" not in output
        page = httpx.get(f"http://127.0.0.1:{port}/", timeout=30)
        assert page.status_code == 200 and "emodal-agent" in page.text
        login = httpx.post(f"http://127.0.0.1:{port}/auth/login",
                           data={"username": "demo", "password": "demo-password"}, timeout=30)
        assert login.status_code == 200
    finally:
        demo.send_signal(signal.SIGINT)
        assert demo.wait(timeout=60) == 0
        reader.join(timeout=10)
