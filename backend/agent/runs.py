"""The agent runs going on in this process, so a thread's run can be refused when busy or cancelled."""

from __future__ import annotations

import threading

from backend.errors import Conflict


class AgentRunRegistry:
    """One run at a time per thread; each run carries the event that stops it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: dict[str, threading.Event] = {}

    def start(self, thread_id: str) -> threading.Event:
        """Register a run on `thread_id` and return its stop event; 409 if one is already running."""
        with self._lock:
            if thread_id in self._running:
                raise Conflict("This conversation is busy answering a message; wait for it, or stop it first.")
            event = threading.Event()
            self._running[thread_id] = event
            return event

    def finish(self, thread_id: str, event: threading.Event) -> None:
        """Forget a run that ended."""
        with self._lock:
            if self._running.get(thread_id) is event:
                del self._running[thread_id]

    def cancel(self, thread_id: str) -> bool:
        """Ask the run on `thread_id` to stop; False when nothing runs there."""
        with self._lock:
            event = self._running.get(thread_id)
        if event is None:
            return False
        event.set()
        return True

    def is_running(self, thread_id: str) -> bool:
        """Whether a run is going on for the thread."""
        with self._lock:
            return thread_id in self._running
