"""Run the sandbox in a background thread of the current process (tests, demo, bench)."""

from __future__ import annotations

import socket
import threading
import time
from types import TracebackType

import httpx
import uvicorn

from sandbox.app import create_sandbox_app
from sandbox.config import SandboxConfig
from sandbox.errors import SandboxStartError
from sandbox.state import SandboxState

START_TIMEOUT_SECONDS = 20.0


class SandboxServer:
    """A uvicorn server for one sandbox; `.state` is the live in-memory data."""

    def __init__(self, config: SandboxConfig | None = None, host: str = "127.0.0.1", port: int = 0) -> None:
        self.config = config or SandboxConfig()
        self.host = host
        self.port = port
        self.state = SandboxState(self.config)
        self.app = create_sandbox_app(self.config, self.state)
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None

    @property
    def url(self) -> str:
        """Base URL such as `http://127.0.0.1:PORT`."""
        return f"http://{self.host}:{self.port}"

    def start(self) -> str:
        """Serve in a daemon thread and wait until the portal answers; returns the base URL."""
        if self._thread is not None:
            return self.url
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # else keep-alive clients wait on delayed ACKs
        sock.bind((self.host, self.port))
        self.port = sock.getsockname()[1]
        self._socket = sock
        config = uvicorn.Config(self.app, log_level="warning", access_log=False, lifespan="off")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]},
                                        name=f"sandbox-{self.port}", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self._server.started:
                try:
                    httpx.get(f"{self.url}/static/portal.css", timeout=2.0)
                    return self.url
                except httpx.HTTPError:
                    pass
            # Waiting for the server thread to report "started": joining it with a timeout is that wait.
            self._thread.join(timeout=0.02)
            if not self._thread.is_alive():
                break
        self.stop()
        raise SandboxStartError(f"sandbox did not start on {self.host}:{self.port}")

    def stop(self) -> None:
        """Stop serving and wait for the thread."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        if self._socket is not None:
            self._socket.close()
        self._server = self._thread = self._socket = None

    def __enter__(self) -> SandboxServer:
        self.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()
