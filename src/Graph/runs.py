"""Who owns an agent run: one run at a time per conversation thread, its stop signal and its event stream.

`AgentRuns` is the seam a multi-process deployment replaces (`cluster.runs.RedisAgentRuns`: a Redis claim per
thread, the events in a Redis stream, cancel as a Redis key); `InProcessAgentRuns` keeps everything in this
process. Either way every event of a run has an id (`<run id>.<position>`, increasing within a thread), so a
client that lost its stream (a page reload) follows the rest of the current or last run from the last id it saw.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from typing import Protocol

from Graph.errors import ThreadBusyError
from Graph.views import AgentEvent, RunError

log = logging.getLogger(__name__)
RUN_FAILED = "The assistant failed unexpectedly; try again."
REPLAY_SECONDS = 300  # how long the events of a run that ended can still be followed
REPLAY_LIMIT = 5000  # most events of one run kept for followers (the oldest go first)

# Called once the thread is claimed, in the caller's thread, with the run's stop signal: it prepares the run
# (its errors reach the caller and free the thread) and returns the events, produced as they are read.
PrepareRun = Callable[[threading.Event], Iterable[AgentEvent]]
# An event and its id, as a client sees them (the id is what it sends back to follow on).
NumberedEvent = tuple[str, AgentEvent]


def new_run_id() -> str:
    """A run id that sorts after the ids made before it (time first), unique across processes."""
    return f"{time.time_ns():016x}{secrets.token_hex(4)}"


def split_event_id(event_id: str | None) -> tuple[str, str]:
    """(run id, position in the run) of an event id; empty strings when it is none or not one of ours."""
    run_id, dot, position = (event_id or "").partition(".")
    return (run_id, position) if dot and run_id and position else ("", "")


class AgentRun(Protocol):
    """A run that was started: its thread and the events it produces until it has ended."""

    @property
    def thread_id(self) -> str: ...

    def follow(self, after_event_id: str | None = None) -> Iterator[NumberedEvent]:
        """The run's events and their ids, after `after_event_id`; ends once the run has ended and freed its thread."""
        ...

    def events(self) -> Iterator[AgentEvent]:
        """Every event of the run; the iteration ends once the run has ended and its thread is free."""
        ...


class AgentRuns(Protocol):
    """Start, cancel, watch and follow agent runs, keyed by conversation thread."""

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

    def follow(self, thread_id: str, after_event_id: str | None = None) -> Iterator[NumberedEvent]:
        """The events of the thread's current or last run after `after_event_id` (all of them when that id is
        none or another run's), until the run ends; nothing when no run is known."""
        ...

    def close(self) -> None:
        """Stop the background work (the process is shutting down)."""
        ...


class ReplayBuffer:
    """The numbered events of one run, kept for every reader: its consumer and any follower that comes later."""

    def __init__(self, run_id: str, *, limit: int = REPLAY_LIMIT) -> None:
        self.run_id = run_id
        self._changed = threading.Condition()
        self._events: deque[tuple[int, AgentEvent]] = deque(maxlen=limit)
        self._count = 0
        self.ended_at: float | None = None

    def publish(self, event: AgentEvent) -> None:
        with self._changed:
            self._count += 1
            self._events.append((self._count, event))
            self._changed.notify_all()

    def close(self) -> None:
        with self._changed:
            self.ended_at = time.monotonic()
            self._changed.notify_all()

    def follow(self, after_event_id: str | None = None) -> Iterator[NumberedEvent]:
        """The events after that id (from the first when it names another run), until the run has ended."""
        run_id, position = split_event_id(after_event_id)
        seen = int(position) if run_id == self.run_id and position.isdecimal() else 0
        while True:
            with self._changed:
                while self._count <= seen and self.ended_at is None:
                    self._changed.wait()
                batch = [(number, event) for number, event in self._events if number > seen]
                ended = self.ended_at is not None  # and so the batch holds every event left
            for number, event in batch:
                seen = number
                yield f"{self.run_id}.{number}", event
            if ended:
                return


class _LocalRun:
    """A run's stop signal and the buffer its events pass through to the consumer and followers."""

    def __init__(self, thread_id: str) -> None:
        self._thread_id = thread_id
        self.stop = threading.Event()
        self.buffer = ReplayBuffer(new_run_id())

    @property
    def thread_id(self) -> str:
        return self._thread_id

    def follow(self, after_event_id: str | None = None) -> Iterator[NumberedEvent]:
        return self.buffer.follow(after_event_id)

    def events(self) -> Iterator[AgentEvent]:
        """The run's events as they come (the consumer of a stream, or of a whole answer)."""
        return (event for _, event in self.buffer.follow())


class InProcessAgentRuns:
    """`AgentRuns` for one process: a dict of the runs going on, each run driven by a worker thread."""

    def __init__(self, *, replay_seconds: float = REPLAY_SECONDS) -> None:
        self._guard = threading.Lock()
        self._runs: dict[str, _LocalRun] = {}
        self._last: dict[str, _LocalRun] = {}  # each thread's current or last run, kept for followers
        self._replay_seconds = replay_seconds

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
            run.buffer.close()

    def start(self, thread_id: str, prepare: PrepareRun) -> AgentRun:
        """Claim the thread, prepare the run here, and hand it (with the claim) to a worker thread."""
        with ExitStack() as claim:
            run = claim.enter_context(self._claimed(thread_id))
            work = prepare(run.stop)
            handover = claim.pop_all()
        with self._guard:
            self._forget_old_runs()
            self._last[thread_id] = run
        worker = threading.Thread(target=self._drive, args=(run, work, handover), daemon=True,
                                  name=f"agent-run-{thread_id[:8]}")
        try:
            worker.start()
        except BaseException:
            handover.close()
            raise
        return run

    def _forget_old_runs(self) -> None:
        """Drop the events of runs that ended longer ago than the replay window (under the guard)."""
        now = time.monotonic()
        for thread_id, run in list(self._last.items()):
            if run.buffer.ended_at is not None and now - run.buffer.ended_at > self._replay_seconds:
                del self._last[thread_id]

    @staticmethod
    def _drive(run: _LocalRun, work: Iterable[AgentEvent], claim: ExitStack) -> None:
        # The run goes on when its consumer goes away (a page reload): the thread keeps what was said.
        with claim:
            try:
                for event in work:
                    run.buffer.publish(event)
            except Exception:  # the runner turns its own failures into events; this is the last resort
                log.exception("agent run failed on thread %s", run.thread_id)
                run.buffer.publish(RunError(code="agent_failed", message=RUN_FAILED))

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

    def follow(self, thread_id: str, after_event_id: str | None = None) -> Iterator[NumberedEvent]:
        """The rest of the thread's current or last run (kept `replay_seconds` after it ended)."""
        with self._guard:
            self._forget_old_runs()
            run = self._last.get(thread_id)
        if run is not None:
            yield from run.follow(after_event_id)

    def close(self) -> None:
        """Nothing runs in the background besides the runs themselves (daemon threads)."""
