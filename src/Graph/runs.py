"""Who owns an agent run: one run at a time per conversation thread, its stop signal and its event stream.

`AgentRuns` is the seam a multi-process deployment replaces (a Redis lock per thread, the events in a Redis
stream, cancel as a message); `InProcessAgentRuns` keeps everything in this process.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from typing import Protocol

from Graph.errors import ThreadBusyError
from Graph.views import AgentEvent, RunError

log = logging.getLogger(__name__)
RUN_FAILED = "The assistant failed unexpectedly; try again."

# Called once the thread is claimed, in the caller's thread, with the run's stop signal: it prepares the run
# (its errors reach the caller and free the thread) and returns the events, produced as they are read.
PrepareRun = Callable[[threading.Event], Iterable[AgentEvent]]


class AgentRun(Protocol):
    """A run that was started: its thread and the events it produces until it has ended."""

    @property
    def thread_id(self) -> str: ...

    def events(self) -> Iterator[AgentEvent]:
        """Every event of the run; the iteration ends once the run has ended and its thread is free."""
        ...


class AgentRuns(Protocol):
    """Start, cancel and watch agent runs, keyed by conversation thread."""

    def start(self, thread_id: str, prepare: PrepareRun) -> AgentRun:
        """Claim the thread (`ThreadBusyError` when a run holds it), prepare the run, then run it in the background."""
        ...

    def cancel(self, thread_id: str) -> bool:
        """Ask the run on the thread to stop; False when nothing runs there."""
        ...

    def is_running(self, thread_id: str) -> bool:
        """Whether a run (or a `hold`) has the thread now."""
        ...

    def hold(self, thread_id: str) -> AbstractContextManager[None]:
        """Keep runs off the thread for a short piece of work (deleting it); `ThreadBusyError` when one runs."""
        ...


class _LocalRun:
    """A run's stop signal and the queue its events pass through to the consumer."""

    def __init__(self, thread_id: str) -> None:
        self._thread_id = thread_id
        self.stop = threading.Event()
        self._events: queue.Queue[AgentEvent | None] = queue.Queue()

    @property
    def thread_id(self) -> str:
        return self._thread_id

    def publish(self, event: AgentEvent) -> None:
        self._events.put(event)

    def close(self) -> None:
        self._events.put(None)

    def events(self) -> Iterator[AgentEvent]:
        """The run's events as they come (the consumer of a stream, or of a whole answer)."""
        while (event := self._events.get()) is not None:
            yield event
        self._events.put(None)  # so a second reader ends too


class InProcessAgentRuns:
    """`AgentRuns` for one process: a dict of the runs going on, each run driven by a worker thread."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._runs: dict[str, _LocalRun] = {}

    def __len__(self) -> int:
        """How many threads are held now."""
        with self._guard:
            return len(self._runs)

    @contextmanager
    def _claimed(self, thread_id: str) -> Iterator[_LocalRun]:
        run = _LocalRun(thread_id)
        with self._guard:
            if thread_id in self._runs:
                raise ThreadBusyError(thread_id)
            self._runs[thread_id] = run
        try:
            yield run
        finally:
            # The one place a thread is freed, whether the run answered, failed or was never launched.
            with self._guard:
                del self._runs[thread_id]
            run.close()

    def start(self, thread_id: str, prepare: PrepareRun) -> AgentRun:
        """Claim the thread, prepare the run here, and hand it (with the claim) to a worker thread."""
        with ExitStack() as claim:
            run = claim.enter_context(self._claimed(thread_id))
            work = prepare(run.stop)
            handover = claim.pop_all()
        worker = threading.Thread(target=self._drive, args=(run, work, handover), daemon=True,
                                  name=f"agent-run-{thread_id[:8]}")
        try:
            worker.start()
        except BaseException:
            handover.close()
            raise
        return run

    @staticmethod
    def _drive(run: _LocalRun, work: Iterable[AgentEvent], claim: ExitStack) -> None:
        # The run goes on when its consumer goes away (a page reload): the thread keeps what was said.
        with claim:
            try:
                for event in work:
                    run.publish(event)
            except Exception:  # the runner turns its own failures into events; this is the last resort
                log.exception("agent run failed on thread %s", run.thread_id)
                run.publish(RunError(code="agent_failed", message=RUN_FAILED))

    def cancel(self, thread_id: str) -> bool:
        """Set the stop signal of the run on the thread."""
        with self._guard:
            run = self._runs.get(thread_id)
        if run is None:
            return False
        run.stop.set()
        return True

    def is_running(self, thread_id: str) -> bool:
        """Whether the thread is held now."""
        with self._guard:
            return thread_id in self._runs

    @contextmanager
    def hold(self, thread_id: str) -> Iterator[None]:
        """Hold the thread like a run for the duration of the block."""
        with self._claimed(thread_id):
            yield
