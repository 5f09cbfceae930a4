"""Run the sandbox in a background thread of the current process (tests, demo, bench)."""

from __future__ import annotations

import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path
from types import TracebackType

import httpx
import uvicorn

from sandbox.app import create_sandbox_app
from sandbox.config import SandboxConfig
from sandbox.errors import SandboxStartError
from sandbox.state import SandboxState
from sandbox.tls import write_self_signed

START_TIMEOUT_SECONDS = 20.0


class SandboxServer:
    """A uvicorn server for one sandbox; `.state` is the live in-memory data.

    It always serves plain HTTP on `port` (every site on one address, the solver, the chaos switches). With
    `https=True` it also serves HTTPS on `https_port` for the real host names (`ecp2.emodal.com`, ...) with a
    self-signed certificate made at start; a browser reaches it through `host_resolver_rules`.
    """

    def __init__(self, config: SandboxConfig | None = None, host: str = "127.0.0.1", port: int = 0, *,
                 https: bool = False, https_port: int = 0) -> None:
        self.config = config or SandboxConfig()
        self.host = host
        self.port = port
        self.https = https
        self.https_port = https_port
        self.state = SandboxState(self.config)
        self.app = create_sandbox_app(self.config, self.state)
        self._listeners: list[tuple[uvicorn.Server, threading.Thread, socket.socket]] = []
        self._tls_dir: Path | None = None

    @property
    def url(self) -> str:
        """Base URL such as `http://127.0.0.1:PORT`."""
        return f"http://{self.host}:{self.port}"

    @property
    def host_map(self) -> str:
        """Where the real host names must resolve to (`127.0.0.1:PORT` of the HTTPS listener)."""
        return f"{self.host}:{self.https_port}" if self.https else ""

    @property
    def host_resolver_rules(self) -> str:
        """Chromium's `--host-resolver-rules` value sending `*.emodal.com` to this sandbox."""
        return f"MAP *.emodal.com {self.host_map}" if self.https else ""

    def _bind(self, port: int) -> socket.socket:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # else keep-alive clients wait on delayed ACKs
        sock.bind((self.host, port))
        return sock

    def _serve(self, sock: socket.socket, **tls: str) -> uvicorn.Server:
        config = uvicorn.Config(self.app, log_level="warning", access_log=False, lifespan="off", **tls)  # type: ignore[arg-type]
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]},
                                  name=f"sandbox-{sock.getsockname()[1]}", daemon=True)
        self._listeners.append((server, thread, sock))
        thread.start()
        return server

    def start(self) -> str:
        """Serve in daemon threads and wait until the portal answers; returns the plain-HTTP base URL."""
        if self._listeners:
            return self.url
        sock = self._bind(self.port)
        self.port = sock.getsockname()[1]
        self._serve(sock)
        if self.https:
            self._tls_dir = Path(tempfile.mkdtemp(prefix="emodal-sandbox-tls-"))
            cert, key = write_self_signed(self._tls_dir)
            tls_sock = self._bind(self.https_port)
            self.https_port = tls_sock.getsockname()[1]
            self._serve(tls_sock, ssl_certfile=str(cert), ssl_keyfile=str(key))
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if all(server.started for server, _, _ in self._listeners):
                try:
                    httpx.get(f"{self.url}/static/portal.css", timeout=2.0)
                    return self.url
                except httpx.HTTPError:
                    pass
            _, thread, _ = next((item for item in self._listeners if not item[0].started), self._listeners[0])
            # Waiting for a server thread to report "started": joining it with a timeout is that wait.
            thread.join(timeout=0.02)
            if not thread.is_alive():
                break
        self.stop()
        raise SandboxStartError(f"sandbox did not start on {self.host}:{self.port}")

    def stop(self) -> None:
        """Stop serving and wait for the threads."""
        for server, _, _ in self._listeners:
            server.should_exit = True
        for _, thread, sock in self._listeners:
            thread.join(timeout=10)
            sock.close()
        self._listeners = []
        if self._tls_dir is not None:
            shutil.rmtree(self._tls_dir, ignore_errors=True)
            self._tls_dir = None

    def __enter__(self) -> SandboxServer:
        self.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()
