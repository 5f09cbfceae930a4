"""Separate processes for the cluster tests: started with a log file each, waited for, stopped or killed."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path


class ProcessFailed(AssertionError):
    """A process of the cluster died or never became ready; the message carries the end of its log."""


class ManagedProcess:
    """One child process in a session of its own, its output in `log_dir/<name>.log`."""

    def __init__(self, name: str, argv: Sequence[str], *, env: dict[str, str], log_dir: Path,
                 cwd: Path | None = None) -> None:
        self.name = name
        self.argv = list(argv)
        self.env = env
        self.cwd = cwd
        self.log_path = log_dir / f"{name}.log"
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def start(self) -> ManagedProcess:
        """Start it (again, after a stop or kill: the log goes on in the same file)."""
        if self.alive():
            return self
        with self.log_path.open("ab") as log:
            log.write(f"--- start {time.strftime('%H:%M:%S')}: {' '.join(self.argv)}\n".encode())
            log.flush()
            # Its own session: its group (a JVM and the browsers it starts) can be stopped as one.
            self._process = subprocess.Popen(self.argv, stdout=log, stderr=subprocess.STDOUT, env=self.env,
                                             cwd=self.cwd, start_new_session=True)
        return self

    def alive(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def kill(self) -> None:
        """SIGKILL the process alone (a crash: no shutdown hook runs, its children are left as they are)."""
        if self._process is not None and self.alive():
            os.kill(self._process.pid, signal.SIGKILL)
            self._process.wait(timeout=10)

    def stop(self, timeout: float = 20.0) -> None:
        """SIGTERM its process group and wait; SIGKILL the group when it does not end in `timeout` seconds."""
        process = self._process
        if process is None:
            return
        self._signal_group(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self._signal_group(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        # Whatever it started and left behind in its group (a browser of a stopped node) goes too.
        self._signal_group(process.pid, signal.SIGKILL)
        self._process = None

    @staticmethod
    def _signal_group(pid: int, signum: signal.Signals) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signum)

    def log_tail(self, lines: int = 40) -> str:
        """The last lines of its log."""
        try:
            text = self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    def wait_until(self, condition: Callable[[], bool], *, timeout: float, what: str,
                   interval: float = 0.1) -> float:
        """Poll `condition` until it holds; fail at once if this process dies. Returns the seconds it took."""
        started = time.monotonic()
        pause = threading.Event()
        while True:
            if condition():
                return time.monotonic() - started
            if not self.alive():
                raise ProcessFailed(f"{self.name} exited while waiting for {what} (log {self.log_path}):\n"
                                    f"{self.log_tail()}")
            if time.monotonic() - started > timeout:
                raise ProcessFailed(f"{self.name}: no {what} after {timeout:.0f} s (log {self.log_path}):\n"
                                    f"{self.log_tail()}")
            pause.wait(interval)


class ProcessLogs:
    """Every process a test session started, so a failure can show their logs."""

    def __init__(self, log_dir: Path) -> None:
        self.log_dir = log_dir
        self.processes: list[ManagedProcess] = []

    def add(self, process: ManagedProcess) -> ManagedProcess:
        self.processes.append(process)
        return process

    def report(self, lines: int = 30) -> str:
        """The end of each log, for a failed test's report."""
        parts = [f"logs in {self.log_dir}"]
        for process in self.processes:
            state = "running" if process.alive() else "stopped"
            parts.append(f"--- {process.name} ({state}), last {lines} lines:\n{process.log_tail(lines)}")
        return "\n".join(parts)
