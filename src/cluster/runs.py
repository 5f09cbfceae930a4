"""Agent runs shared by every API replica through Redis: one run per thread cluster-wide, cancel and follow anywhere.

- Claim: `SET NX PX` of the thread's claim key with a token (`<run id>@<replica id>`) and a lease
  (`run_lease_seconds`), renewed by this object's keeper thread while the run lives; a `hold` takes the same
  claim. Every write of a run checks the token first (scripts.py), so a slow replica never frees someone else's
  claim. A thread held anywhere is `ThreadBusyError` (409) on every replica.
- Cancel: any replica writes the run's cancel key; the keeper of the owning replica polls its runs' keys every
  quarter second and sets the run's stop signal (the runner honours it between steps and in long tools).
- Events: each run's events go to a Redis stream (`XADD`, capped, expiring `REPLAY_SECONDS` after the run);
  the thread's `last` key names the current or last run. The local consumer of `start()` and any follower on any
  replica read the same stream with `XREAD BLOCK`; an event's id is `<run id>.<stream entry id>`.
- A replica that dies mid-run stops renewing its lease: once it expires the thread is free again, and the next
  reader that finds the claim gone before the stream's end writes a `run_lost` error and the end, once.

Why a lost turn fails instead of being resumed by another replica: the graph checkpoints after each step, but
a tool call that was under way when the replica died (a booking submitted to the portal, say) has no result in
the checkpoint. Resuming from the checkpoint would run that call again, and a booking could be submitted twice.
So the turn ends with `run_lost`, the thread is freed, and the dispatcher asks again (the checkpoint keeps
everything said before); a booking the dispatcher had approved may or may not have been made, and the message
says to check the appointments first.

Redis down: `start`, `hold`, `cancel`, `is_running` and `follow` raise `RunsUnavailableError` (the API answers
503): without Redis one run per thread cannot be guaranteed, so no run starts. A run already going on is told to
stop at its next event (it can no longer be delivered) or once its claim could not be renewed.
"""

from __future__ import annotations

import logging
import re
import threading
import time
import typing
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import redis
from pydantic import BaseModel
from redis.exceptions import RedisError

from cluster import scripts
from Graph import (
    REPLAY_SECONDS,
    AgentEvent,
    NumberedEvent,
    PrepareRun,
    RunError,
    RunsUnavailableError,
    ThreadBusyError,
    new_run_id,
    split_event_id,
)

log = logging.getLogger(__name__)
RUN_FAILED = "The assistant failed unexpectedly; try again."
RUN_LOST = ("The server answering this question stopped before it finished, so the answer ends here. Ask again; "
            "if you had approved a booking, check your appointments first: it may have been made.")
MAX_EVENTS = 5000  # per run's stream (approximately: MAXLEN ~)
BLOCK_MS = 500  # a reader waits this long for an event before it checks that the run is still alive
TICK_SECONDS = 0.25  # how often the keeper looks for cancel requests
CANCEL_ASKED, CANCEL_SEEN = "asked", "seen"  # a run's cancel key, before and after its replica stopped it
CANCEL_WAIT_SECONDS = 2.0  # longest a cancel waits for the owning replica to confirm
EVENT_TYPES: dict[str, type[BaseModel]] = {cls.kind.value: cls for cls in typing.get_args(AgentEvent)}
STREAM_ID = re.compile(r"\d{1,19}-\d{1,19}")
T = TypeVar("T")
# XREAD's answer as this client reads it (RESP2, decoded): [(stream key, [(entry id, fields)])].
StreamReply = list[tuple[str, list[tuple[str, dict[str, str]]]]]


class _RedisRun:
    """A run started on this replica: its claim token and stop signal; its events are read from Redis."""

    def __init__(self, owner: RedisAgentRuns, thread_id: str, token: str) -> None:
        self._owner = owner
        self._thread_id = thread_id
        self.token = token
        self.stop = threading.Event()

    @property
    def thread_id(self) -> str:
        return self._thread_id

    @property
    def run_id(self) -> str:
        return self.token.partition("@")[0]

    def follow(self, after_event_id: str | None = None) -> Iterator[NumberedEvent]:
        return self._owner.read(self.thread_id, self.token, after_event_id)

    def events(self) -> Iterator[AgentEvent]:
        return (event for _, event in self.follow())


class RedisAgentRuns:
    """`AgentRuns` over one Redis shared by every replica; runs still execute on the replica that started them."""

    def __init__(self, redis_url: str, *, prefix: str, replica_id: str, lease_seconds: float = 15) -> None:
        self._redis = redis.Redis.from_url(redis_url, decode_responses=True, socket_connect_timeout=0.5,
                                           socket_timeout=BLOCK_MS / 1000 + 2)
        self._prefix = f"{prefix.rstrip(':')}:runs"
        self._replica_id = replica_id
        self._lease_ms = max(1, int(lease_seconds * 1000))
        self._keep_ms = self._lease_ms + REPLAY_SECONDS * 1000
        self._scripts = {name: self._redis.register_script(getattr(scripts, name))
                         for name in ("RENEW", "RELEASE", "PUBLISH", "END")}
        self._guard = threading.Lock()
        self._local: dict[str, _RedisRun] = {}  # claims held by this replica (runs and holds), by thread
        self._closed = threading.Event()
        self._keeper = threading.Thread(target=self._keep, daemon=True, name="agent-runs-keeper")
        self._keeper.start()

    # Keys: the thread's claim and its current/last run; a run's events and its cancel request.
    def _claim_key(self, thread_id: str) -> str:
        return f"{self._prefix}:thread:{thread_id}:claim"

    def _last_key(self, thread_id: str) -> str:
        return f"{self._prefix}:thread:{thread_id}:last"

    def _events_key(self, token: str) -> str:
        return f"{self._prefix}:run:{token.partition('@')[0]}:events"

    def _cancel_key(self, token: str) -> str:
        return f"{self._prefix}:run:{token.partition('@')[0]}:cancel"

    @staticmethod
    def _call(action: Callable[[], T]) -> T:
        try:
            return action()
        except (RedisError, OSError) as exc:
            raise RunsUnavailableError(str(exc)) from exc

    def _get(self, key: str) -> str | None:
        return typing.cast(str | None, self._call(lambda: self._redis.get(key)))

    def _script(self, name: str, keys: list[str], args: list[Any]) -> Any:
        return self._scripts[name](keys=keys, args=args)

    def _claim(self, thread_id: str, token: str) -> _RedisRun:
        run = _RedisRun(self, thread_id, token)
        if not self._call(lambda: self._redis.set(self._claim_key(thread_id), token, nx=True, px=self._lease_ms)):
            raise ThreadBusyError(thread_id)
        with self._guard:
            self._local[thread_id] = run
        return run

    def _release(self, run: _RedisRun) -> None:
        with self._guard:
            if self._local.get(run.thread_id) is run:
                del self._local[run.thread_id]
        try:
            self._script("RELEASE", [self._claim_key(run.thread_id)], [run.token])
        except (RedisError, OSError):
            log.warning("could not free thread %s in Redis; its lease frees it", run.thread_id)

    def start(self, thread_id: str, prepare: PrepareRun) -> _RedisRun:
        """Claim the thread cluster-wide, prepare the run here, then drive it in a worker thread."""
        run = self._claim(thread_id, f"{new_run_id()}@{self._replica_id}")
        try:
            work = prepare(run.stop)
            self._call(lambda: self._redis.set(self._last_key(thread_id), run.token, px=self._keep_ms))
            worker = threading.Thread(target=self._drive, args=(run, work), daemon=True,
                                      name=f"agent-run-{thread_id[:8]}")
            worker.start()
        except BaseException:
            self._release(run)
            raise
        return run

    def _drive(self, run: _RedisRun, work: Iterable[AgentEvent]) -> None:
        claim, events = self._claim_key(run.thread_id), self._events_key(run.token)
        publishing = True
        try:
            for event in work:
                publishing = publishing and self._publish(run, claim, events, event)
        except Exception:  # the runner turns its own failures into events; this is the last resort
            log.exception("agent run failed on thread %s", run.thread_id)
            if publishing:
                self._publish(run, claim, events, RunError(code="agent_failed", message=RUN_FAILED))
        finally:
            with self._guard:
                if self._local.get(run.thread_id) is run:
                    del self._local[run.thread_id]
            self._end(run.thread_id, run.token, "finish")

    def _publish(self, run: _RedisRun, claim: str, events: str, event: AgentEvent) -> bool:
        """Append the event; False (and the run told to stop) once the claim is lost or Redis is gone."""
        try:
            entry = self._script("PUBLISH", [claim, events], [run.token, MAX_EVENTS, event.kind.value,
                                                             event.model_dump_json()])
        except (RedisError, OSError) as exc:
            log.warning("run on thread %s stops: Redis failed (%s)", run.thread_id, exc)
            entry = None
        if entry is None:
            run.stop.set()
            return False
        return True

    def _end(self, thread_id: str, token: str, mode: str) -> int:
        lost = RunError(code="run_lost", message=RUN_LOST).model_dump_json()
        try:
            return int(self._script("END", [self._claim_key(thread_id), self._events_key(token),
                                            self._last_key(thread_id)], [token, self._keep_ms, mode, lost]))
        except (RedisError, OSError) as exc:
            log.warning("could not end the run on thread %s in Redis (%s); its lease frees it", thread_id, exc)
            return 0

    def read(self, thread_id: str, token: str, after_event_id: str | None) -> Iterator[NumberedEvent]:
        """The run's events after that id (from the first when it names another run), until the run's end."""
        run_id = token.partition("@")[0]
        after_run, position = split_event_id(after_event_id)
        last = position if after_run == run_id and STREAM_ID.fullmatch(position) else "0-0"
        key = self._events_key(token)
        ended = False  # the stream has its end: read what is left without waiting, then stop
        while True:
            try:
                reply = typing.cast(StreamReply, self._redis.xread({key: last}, count=200,
                                                                   block=None if ended else BLOCK_MS))
            except (RedisError, OSError):
                yield "", RunError(code="runs_unavailable", message=RunsUnavailableError().args[0])
                return
            entries = reply[0][1] if reply else []
            for entry_id, fields in entries:
                last = entry_id
                if fields["kind"] == "end":
                    return
                event = EVENT_TYPES[fields["kind"]].model_validate_json(fields["data"])
                yield f"{run_id}.{entry_id}", typing.cast(AgentEvent, event)
            if entries:
                continue
            if ended:
                return  # the client's id was past the end (not one this run gave)
            state = self._end(thread_id, token, "check")
            if state == 2:
                return  # the run and its events have expired
            ended = state == 1

    def follow(self, thread_id: str, after_event_id: str | None = None) -> Iterator[NumberedEvent]:
        """The rest of the thread's current or last run, read from Redis (this replica may not run it)."""
        token = self._get(self._last_key(thread_id))
        return self.read(thread_id, token, after_event_id) if token else iter(())

    def cancel(self, thread_id: str) -> bool:
        """Ask the run holding the thread to stop, wherever it runs; False when the thread is free."""
        token = self._get(self._claim_key(thread_id))
        if not token:
            return False
        key = self._cancel_key(token)
        self._call(lambda: self._redis.set(key, CANCEL_ASKED, px=self._lease_ms * 2))
        with self._guard:
            local = self._local.get(thread_id)
        if local is not None and local.token == token:
            local.stop.set()  # here already: no need to wait for the keeper
            return True
        # Elsewhere: wait (briefly) for its keeper to say the run has its stop signal, so "cancelled" means it.
        deadline = time.monotonic() + CANCEL_WAIT_SECONDS
        while self._get(key) == CANCEL_ASKED and time.monotonic() < deadline:
            self._closed.wait(0.05)
        return True

    def is_running(self, thread_id: str) -> bool:
        """Whether any replica holds the thread."""
        return bool(self._call(lambda: self._redis.exists(self._claim_key(thread_id))))

    @contextmanager
    def hold(self, thread_id: str) -> Iterator[None]:
        """Hold the thread cluster-wide like a run for the duration of the block."""
        run = self._claim(thread_id, f"hold-{new_run_id()}@{self._replica_id}")
        try:
            yield
        finally:
            self._release(run)

    def _keep(self) -> None:
        """Renew this replica's claims, and stop the runs another replica asked to cancel."""
        ticks_per_renewal = max(1, int(self._lease_ms / 3000 / TICK_SECONDS))
        tick, reachable = 0, True
        while not self._closed.wait(TICK_SECONDS):
            with self._guard:
                local = list(self._local.values())
            if not local:
                continue
            tick += 1
            try:
                keys = [self._cancel_key(r.token) for r in local]
                for run, key, wanted in zip(local, keys, self._redis.mget(keys), strict=True):
                    if wanted == CANCEL_ASKED:
                        run.stop.set()
                        self._redis.set(key, CANCEL_SEEN, xx=True, keepttl=True)
                if tick % ticks_per_renewal == 0:
                    self._renew(local)
                reachable = True
            except (RedisError, OSError) as exc:
                if reachable:  # once per outage
                    log.warning("agent runs keeper cannot reach Redis: %s", exc)
                reachable = False

    def _renew(self, local: list[_RedisRun]) -> None:
        for run in local:
            keys = [self._claim_key(run.thread_id), self._last_key(run.thread_id), self._events_key(run.token)]
            if not self._script("RENEW", keys, [run.token, self._lease_ms, self._keep_ms]):
                log.warning("run on thread %s lost its claim (lease expired): stopping it", run.thread_id)
                run.stop.set()

    def close(self) -> None:
        """Stop the keeper: this replica's claims are no longer renewed and expire after their lease.

        The connections stay open for the streams still being read (the process is on its way out anyway).
        """
        self._closed.set()
        self._keeper.join(timeout=5)
