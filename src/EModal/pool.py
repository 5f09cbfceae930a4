"""A bounded pool of logged-in browsers, one per account; fair between owners, least recently used evicted."""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from EModal.browser import Browser
from EModal.config import ConnectorConfig
from EModal.errors import PoolBusyError, PortalSessionLimitError, PortalSessionNotFoundError
from EModal.operations import PortalOperations
from EModal.pool_stats import PoolStats, PortalSessionInfo
from EModal.portal_session import PortalSession
from EModal.recorder import NullRecorder, PortalSessionRecorder
from EModal.records import Credentials

log = logging.getLogger(__name__)


class PortalSessionPool:
    """At most `config.pool_size` browsers; one operation at a time per browser, accounts in parallel.

    `owner_of` names who an account key belongs to (a user): a browser in use, or used by its owner within
    `config.protect_recent_seconds`, is never evicted for another owner, and one owner holds at most
    `config.per_owner_limit` browsers (0: no cap). Without `owner_of` every account is its own owner.
    """

    def __init__(
        self,
        config: ConnectorConfig,
        *,
        recorder: PortalSessionRecorder | None = None,
        browser_factory: Callable[[ConnectorConfig], Browser] = Browser,
        keepalive: bool = True,
        owner_of: Callable[[str], str] | None = None,
    ) -> None:
        self.config = config
        self._recorder: PortalSessionRecorder = recorder or NullRecorder()
        self._browser_factory = browser_factory
        self._lock = threading.Lock()
        self._slot_freed = threading.Condition(self._lock)
        self._portal_sessions: OrderedDict[str, PortalSession] = OrderedDict()  # least recently used first
        self._account_locks: dict[str, threading.Lock] = {}
        self._starting = 0
        self._owner_of = owner_of or (lambda account_key: account_key)
        self._owners: dict[str, str] = {}  # account key -> owner, cached (an account never changes owner)
        self._starting_by_owner: Counter[str] = Counter()
        self._stop = threading.Event()
        self._keepalive_thread: threading.Thread | None = None
        if keepalive:
            self._keepalive_thread = threading.Thread(target=self._keepalive_loop, name="emodal-keepalive", daemon=True)
            self._keepalive_thread.start()

    @contextmanager
    def hold(self, account_key: str, credentials: Credentials) -> Iterator[PortalOperations]:
        """Hold the account's portal session (reused or newly logged in) for the operations of one request."""
        owner = self.owner(account_key)
        with self._lock:
            account_lock = self._account_locks.setdefault(account_key, threading.Lock())
        with account_lock:
            while True:
                portal_session, is_new = self._get_or_start(account_key, credentials, owner)
                portal_session.lock.acquire()
                if not portal_session.closed:
                    break
                portal_session.lock.release()  # evicted between lookup and lock: look again
            try:
                yield PortalOperations(portal_session, is_new_session=is_new)
            finally:
                portal_session.lock.release()
                self._mark_used(portal_session)

    @contextmanager
    def hold_by_id(self, portal_session_id: str) -> Iterator[PortalOperations]:
        """Hold a live portal session found by its id."""
        portal_session = self._find(portal_session_id)
        with portal_session.lock:
            if portal_session.closed:
                raise PortalSessionNotFoundError(portal_session_id)
            yield PortalOperations(portal_session, is_new_session=False)
        self._mark_used(portal_session)

    def _mark_used(self, portal_session: PortalSession) -> None:
        with self._lock:
            if self._portal_sessions.get(portal_session.account_key) is portal_session:
                self._portal_sessions.move_to_end(portal_session.account_key)
            # A browser just became free to evict: wake whoever waits for room in a full pool.
            self._slot_freed.notify_all()

    def _find(self, portal_session_id: str) -> PortalSession:
        with self._lock:
            for portal_session in self._portal_sessions.values():
                if portal_session.id == portal_session_id:
                    return portal_session
        raise PortalSessionNotFoundError(portal_session_id)

    def owner(self, account_key: str) -> str:
        """Who the account's browser belongs to."""
        with self._lock:
            cached = self._owners.get(account_key)
        if cached is None:
            cached = self._owner_of(account_key)
            with self._lock:
                self._owners[account_key] = cached
        return cached

    def _get_or_start(self, account_key: str, credentials: Credentials, owner: str) -> tuple[PortalSession, bool]:
        with self._lock:
            existing = self._portal_sessions.get(account_key)
        if existing is not None and not existing.closed:
            if existing.matches(credentials):
                return existing, False
            self._close_portal_session(existing, "credentials changed")
        persisted = self._recorder.find_live_portal_session(account_key)
        if persisted:
            # The browser of a persisted portal session did not survive (a restart, another process).
            self._recorder.portal_session_closed(account_key, persisted, "browser no longer running")
        self._reserve_slot(owner)
        try:
            portal_session = PortalSession(
                account_key=account_key,
                credentials=credentials,
                config=self.config,
                recorder=self._recorder,
                stop=self._stop,
                browser_factory=self._browser_factory,
            )
        except BaseException:
            self._release_slot(owner)
            raise
        try:
            portal_session.start()
        except BaseException:
            portal_session.close()
            self._release_slot(owner)
            raise
        with self._lock:
            self._starting -= 1
            self._starting_by_owner[owner] -= 1
            self._portal_sessions[account_key] = portal_session
        log.info("portal session %s started for account %s", portal_session.id, account_key)
        return portal_session, True

    def _reserve_slot(self, owner: str) -> None:
        wait = self.config.pool_wait_seconds
        deadline = time.monotonic() + (self.config.page_timeout_seconds if wait is None else wait)
        while True:
            with self._lock:
                own = [s for s in self._portal_sessions.values() if self._owners.get(s.account_key) == owner]
                owner_full = 0 < self.config.per_owner_limit <= len(own) + self._starting_by_owner[owner]
                if not owner_full and len(self._portal_sessions) + self._starting < self.config.pool_size:
                    self._starting += 1
                    self._starting_by_owner[owner] += 1
                    return
                # At the owner's cap only their own browsers give way; otherwise any the owner may evict.
                candidates = own if owner_full else [s for s in self._portal_sessions.values()
                                                     if self._evictable(s, owner)]
                victim = next((s for s in candidates if s.lock.acquire(blocking=False)), None)
                if victim is None:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:  # raised only after a last look found nothing to evict
                        raise self._busy_error(owner_full)
                    self._slot_freed.wait(remaining)
                    continue
            try:
                log.info("pool full: evicting least recently used portal session %s", victim.id)
                self._close_portal_session(victim, "evicted (least recently used)")
            finally:
                victim.lock.release()

    def _evictable(self, portal_session: PortalSession, owner: str) -> bool:
        """Whether `owner` may take this browser's place: their own, or another's left idle long enough."""
        if self._owners.get(portal_session.account_key) == owner:
            return True
        return time.monotonic() - portal_session.last_used >= self.config.protect_recent_seconds

    def _busy_error(self, owner_full: bool) -> PoolBusyError:
        """The error for a full pool (or owner), with when another try may succeed (lock held)."""
        if owner_full:  # every one of the owner's browsers is in use: no telling when one frees up
            return PortalSessionLimitError(self.config.per_owner_limit, 30)
        now = time.monotonic()
        waits = [self.config.protect_recent_seconds - (now - s.last_used) for s in self._portal_sessions.values()]
        retry_after = max(1, math.ceil(min((w for w in waits if w > 0), default=30.0)))
        return PoolBusyError(self.config.pool_size, retry_after)

    def _release_slot(self, owner: str) -> None:
        with self._lock:
            self._starting -= 1
            self._starting_by_owner[owner] -= 1
            self._slot_freed.notify_all()

    def _close_portal_session(self, portal_session: PortalSession, reason: str) -> None:
        with self._lock:
            if self._portal_sessions.get(portal_session.account_key) is portal_session:
                del self._portal_sessions[portal_session.account_key]
            self._slot_freed.notify_all()
        if not portal_session.closed:
            portal_session.close()
            self._recorder.portal_session_closed(portal_session.account_key, portal_session.id, reason)

    def close(self, portal_session_id: str) -> bool:
        """Close the portal session with that id; False if none is live."""
        try:
            portal_session = self._find(portal_session_id)
        except PortalSessionNotFoundError:
            return False
        with portal_session.lock:
            self._close_portal_session(portal_session, "closed on request")
        return True

    def close_account(self, account_key: str) -> bool:
        """Close the account's portal session; False if it had none."""
        with self._lock:
            portal_session = self._portal_sessions.get(account_key)
        if portal_session is None:
            return False
        with portal_session.lock:
            self._close_portal_session(portal_session, "closed on request")
        return True

    def close_owner(self, owner: str) -> int:
        """Close every portal session of one owner (a disabled user); return how many."""
        with self._lock:
            sessions = [s for s in self._portal_sessions.values() if self._owners.get(s.account_key) == owner]
        for portal_session in sessions:
            with portal_session.lock:
                self._close_portal_session(portal_session, "closed: owner disabled")
        return len(sessions)

    def usage(self) -> tuple[int, int]:
        """Live browsers and the limit, without measuring anything (cheap enough for health checks)."""
        with self._lock:
            return len(self._portal_sessions), self.config.pool_size

    def stats(self) -> PoolStats:
        """Live browsers, the limit, and each portal session's idle time."""
        with self._lock:
            portal_sessions = list(self._portal_sessions.values())
        now = time.monotonic()
        infos = []
        for s in portal_sessions:
            busy = not s.lock.acquire(blocking=False)
            if not busy:
                s.lock.release()
            infos.append(PortalSessionInfo(s.account_key, s.id, now - s.last_used, busy, s.browser.rss_bytes() / 2**20))
        return PoolStats(live=len(infos), max=self.config.pool_size, sessions=infos)

    def keep_alive_once(self) -> None:
        """Visit the keep-alive page for idle logins; drop those the portal logged out or whose browser died."""
        with self._lock:
            portal_sessions = list(self._portal_sessions.values())
        for portal_session in portal_sessions:
            if time.monotonic() - portal_session.last_used < self.config.keepalive_idle_seconds:
                continue
            if not portal_session.lock.acquire(blocking=False):
                continue  # busy means warm
            try:
                if portal_session.closed:
                    continue
                if not portal_session.keep_alive():
                    log.info("portal session %s logged out by the portal: dropped", portal_session.id)
                    self._close_portal_session(portal_session, "logged out by the portal")
            finally:
                portal_session.lock.release()

    def _keepalive_loop(self) -> None:
        while not self._stop.wait(self.config.keepalive_check_seconds):
            try:
                self.keep_alive_once()
            except Exception:  # the keep-alive must survive one bad browser
                log.exception("keep-alive pass failed")

    def shutdown(self) -> None:
        """Stop the keep-alive thread and close every browser."""
        self._stop.set()
        if self._keepalive_thread is not None:
            self._keepalive_thread.join(timeout=self.config.page_timeout_seconds)
        with self._lock:
            portal_sessions = list(self._portal_sessions.values())
        for portal_session in portal_sessions:
            with portal_session.lock:
                self._close_portal_session(portal_session, "pool shut down")

    def __enter__(self) -> PortalSessionPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
