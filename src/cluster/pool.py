"""The portal pool of a cluster: browsers on a Selenium Grid, the pool's state in Redis shared by every replica.

Same rules as `EModal.PortalSessionPool`, cluster-wide: at most `pool_size` browsers, `per_owner_limit` per owner,
a recently used browser protected from other owners, least recently used evicted, one operation at a time per
browser. Any replica re-attaches to an account's live browser by its WebDriver session id (no new login). While
Redis is down every portal operation fails fast with `PoolCoordinationUnavailableError` (503, Retry-After): without
the shared lock two replicas could drive one browser at once, which is worse than waiting.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import math
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import redis

from cluster.appointments import AppointmentSessionStore
from cluster.errors import PoolCoordinationUnavailableError, PortalSessionBusyError
from cluster.keepalive import KeepAliveLeader
from cluster.locks import FairLocks, LockWaitTimeout
from cluster.registry import BrowserRegistry, RegisteredBrowser
from cluster.room import PoolRoom
from EModal import (
    Browser,
    ConnectorConfig,
    Credentials,
    NullRecorder,
    PoolStats,
    PortalOperations,
    PortalSessionInfo,
    PortalSessionNotFoundError,
    PortalSessionRecorder,
    RemoteSession,
)
from EModal.portal_session import PortalSession

log = logging.getLogger(__name__)
NO_CREDENTIALS = Credentials("", "", "")  # a browser held by id elsewhere: it can be used, not logged in again


class ClusterPortalSessionPool:
    """A `PortalPool` shared by every replica through Redis; the browsers live on the Grid."""

    def __init__(
        self,
        config: ConnectorConfig,
        *,
        redis_client: redis.Redis,
        key_prefix: str,
        fingerprint_key: bytes,
        replica_id: str,
        recorder: PortalSessionRecorder | None = None,
        owner_of: Callable[[str], str] | None = None,
        keepalive: bool = True,
        lock_wait_seconds: float | None = None,
        redis_retry_seconds: int = 5,
    ) -> None:
        if not config.webdriver_remote_url:
            raise ValueError("the cluster's portal pool needs a remote WebDriver (the Selenium Grid hub address)")
        self.config = config
        self.replica_id = replica_id
        self._recorder: PortalSessionRecorder = recorder or NullRecorder()
        self._owner_of = owner_of or (lambda account_key: account_key)
        self._fingerprint_key = fingerprint_key
        self._retry_seconds = redis_retry_seconds
        self._lock_wait = lock_wait_seconds if lock_wait_seconds is not None else config.page_timeout_seconds * 5
        prefix = f"{key_prefix.rstrip(':')}:portal-pool"
        self.registry = BrowserRegistry(redis_client, prefix)
        self.locks = FairLocks(redis_client, prefix)
        self.appointment_sessions = AppointmentSessionStore(redis_client, prefix)
        self._stop = threading.Event()
        self._attached: dict[str, PortalSession] = {}  # WebDriver session id -> this replica's client of it
        self._attached_lock = threading.Lock()
        self._owners: dict[str, str] = {}
        self.room = PoolRoom(config, self.registry, self.locks, self.close_entry, self._stop)
        self.keepalive = KeepAliveLeader(self, redis_client, f"{prefix}:keepalive-leader", start=keepalive)

    # --- holding a browser -------------------------------------------------------------------------------------

    @contextmanager
    def hold(self, account_key: str, credentials: Credentials) -> Iterator[PortalOperations]:
        """Hold the account's portal session (re-attached, or newly logged in) for one request's operations."""
        owner = self.owner(account_key)
        with self._coordinated():
            token = self._lock(account_key)
        try:
            with self._coordinated():
                portal_session, is_new, entry = self._portal_session_for(account_key, credentials, owner)
                portal_session.appointment_sessions = self.appointment_sessions.load(account_key)
            try:
                yield PortalOperations(portal_session, is_new_session=is_new)
            finally:
                self._after_use(portal_session, entry)
        finally:
            self._unlock(account_key, token)

    @contextmanager
    def hold_by_id(self, portal_session_id: str) -> Iterator[PortalOperations]:
        """Hold a live portal session found by its id, on whichever replica it was opened."""
        with self._coordinated():
            account_key = self.registry.account_of(portal_session_id)
            if account_key is None:
                raise PortalSessionNotFoundError(portal_session_id)
            token = self._lock(account_key)
        try:
            with self._coordinated():
                entry = self.registry.get(account_key)
                if entry is None or entry.portal_session_id != portal_session_id:
                    raise PortalSessionNotFoundError(portal_session_id)
                portal_session = self.portal_session_of(entry, None)
                if not portal_session.browser.is_alive():
                    self.close_entry(entry, "browser no longer running")
                    raise PortalSessionNotFoundError(portal_session_id)
                portal_session.appointment_sessions = self.appointment_sessions.load(account_key)
            try:
                yield PortalOperations(portal_session, is_new_session=False)
            finally:
                self._after_use(portal_session, entry)
        finally:
            self._unlock(account_key, token)

    def owner(self, account_key: str) -> str:
        """Who the account's browser belongs to (looked up once per replica)."""
        if account_key not in self._owners:
            self._owners[account_key] = self._owner_of(account_key)
        return self._owners[account_key]

    def fingerprint(self, credentials: Credentials) -> str:
        """A keyed digest of the credentials: tells a changed password apart without keeping it anywhere."""
        message = "\x00".join((credentials.username, credentials.password, credentials.captcha_api_key))
        return hmac.new(self._fingerprint_key, message.encode(), hashlib.sha256).hexdigest()

    def _portal_session_for(self, account_key: str, credentials: Credentials,
                            owner: str) -> tuple[PortalSession, bool, RegisteredBrowser]:
        fingerprint = self.fingerprint(credentials)
        entry = self.registry.get(account_key)
        if entry is not None and entry.credentials_fingerprint != fingerprint:
            self.close_entry(entry, "credentials changed")
            entry = None
        if entry is not None:
            portal_session = self.portal_session_of(entry, credentials)
            if portal_session.browser.is_alive():
                return portal_session, False, entry
            # Quit out of band, its node gone, or timed out on the Grid: a new login takes its place (and slot).
            log.warning("portal session %s: its Grid browser is gone, logging in again", entry.portal_session_id)
            self._forget(entry.webdriver_session_id)
            self._recorder.portal_session_closed(account_key, entry.portal_session_id, "browser no longer running")
            portal_session = self._login(account_key, credentials)
            return portal_session, True, self._register(portal_session, owner, fingerprint, replaces=entry)
        persisted = self._recorder.find_live_portal_session(account_key)
        if persisted:  # recorded live, yet unknown to the cluster: its browser did not survive
            self._recorder.portal_session_closed(account_key, persisted, "browser no longer running")
        reservation = self.room.reserve(owner)
        try:
            portal_session = self._login(account_key, credentials)
        except BaseException:
            self.registry.release_reservation(owner=owner, token=reservation)
            raise
        return portal_session, True, self._register(portal_session, owner, fingerprint, reservation=reservation)

    def _login(self, account_key: str, credentials: Credentials) -> PortalSession:
        portal_session = PortalSession(account_key=account_key, credentials=credentials, config=self.config,
                                       recorder=self._recorder, stop=self._stop)
        try:
            portal_session.start()
        except BaseException:
            portal_session.close()
            raise
        log.info("portal session %s started for account %s", portal_session.id, account_key)
        return portal_session

    def _register(self, portal_session: PortalSession, owner: str, fingerprint: str, *, reservation: str = "",
                  replaces: RegisteredBrowser | None = None) -> RegisteredBrowser:
        remote = portal_session.browser.remote_session
        assert remote is not None  # every browser of this pool is remote
        now = time.time()
        entry = RegisteredBrowser(
            account_key=portal_session.account_key, portal_session_id=portal_session.id,
            webdriver_session_id=remote.webdriver_session_id, grid_url=remote.executor_url, owner=owner,
            credentials_fingerprint=fingerprint, created_at=now, last_used_at=now,
        )
        self.registry.put(entry, reservation=reservation, replaces=replaces.portal_session_id if replaces else "")
        with self._attached_lock:
            self._attached[entry.webdriver_session_id] = portal_session
        return entry

    def portal_session_of(self, entry: RegisteredBrowser, credentials: Credentials | None) -> PortalSession:
        """This replica's client of the entry's browser: cached, or attached now (no new session, no login)."""
        with self._attached_lock:
            cached = self._attached.get(entry.webdriver_session_id)
        if cached is not None and cached.id == entry.portal_session_id and (
                credentials is None or cached.matches(credentials)):
            return cached
        browser = cached.browser if cached is not None else Browser.attach(
            self.config, RemoteSession(entry.webdriver_session_id, entry.grid_url))
        portal_session = PortalSession(account_key=entry.account_key, credentials=credentials or NO_CREDENTIALS,
                                       config=self.config, recorder=self._recorder, stop=self._stop,
                                       adopt=(browser, entry.portal_session_id))
        with self._attached_lock:
            self._attached[entry.webdriver_session_id] = portal_session
        return portal_session

    def _after_use(self, portal_session: PortalSession, entry: RegisteredBrowser) -> None:
        """Write back what the use changed: last use, or a new login / browser the session made on its own."""
        try:
            self.appointment_sessions.save(entry.account_key, portal_session.appointment_sessions)
            remote = portal_session.browser.remote_session
            if remote is not None and (portal_session.id, remote.webdriver_session_id) != (
                    entry.portal_session_id, entry.webdriver_session_id):
                self._forget(entry.webdriver_session_id)
                self._register(portal_session, entry.owner, entry.credentials_fingerprint, replaces=entry)
            else:
                self.registry.touch(entry.account_key)
        except redis.RedisError as exc:  # the next holder re-checks the browser anyway
            log.warning("could not record the use of portal session %s: %s", portal_session.id, exc)

    # --- closing -------------------------------------------------------------------------------------------------

    def close_entry(self, entry: RegisteredBrowser, reason: str) -> None:
        """Quit the entry's browser on the Grid and forget it everywhere (the caller holds the account's lock)."""
        self.registry.remove(entry)
        self.appointment_sessions.drop(entry.account_key)
        portal_session = self._forget(entry.webdriver_session_id)
        browser = portal_session.browser if portal_session is not None else Browser.attach(
            self.config, RemoteSession(entry.webdriver_session_id, entry.grid_url))
        browser.quit()
        self._recorder.portal_session_closed(entry.account_key, entry.portal_session_id, reason)

    def _close_account_locked(self, account_key: str, reason: str, portal_session_id: str = "") -> bool:
        with self._coordinated():
            token = self._lock(account_key)
            try:
                entry = self.registry.get(account_key)
                if entry is None or (portal_session_id and entry.portal_session_id != portal_session_id):
                    return False
                self.close_entry(entry, reason)
                return True
            finally:
                self.locks.release(account_key, token)

    def close(self, portal_session_id: str) -> bool:
        """Close the portal session with that id, wherever it was opened; False if none is live."""
        with self._coordinated():
            account_key = self.registry.account_of(portal_session_id)
        return account_key is not None and self._close_account_locked(account_key, "closed on request",
                                                                        portal_session_id)

    def close_account(self, account_key: str) -> bool:
        """Close the account's portal session; False if it had none."""
        return self._close_account_locked(account_key, "closed on request")

    def close_owner(self, owner: str) -> int:
        """Close every portal session of one owner (a disabled user); return how many."""
        with self._coordinated():
            accounts = [e.account_key for e in self.registry.entries() if e.owner == owner]
        return sum(self._close_account_locked(a, "closed: owner disabled") for a in accounts)

    def _forget(self, webdriver_session_id: str) -> PortalSession | None:
        with self._attached_lock:
            return self._attached.pop(webdriver_session_id, None)

    # --- reading --------------------------------------------------------------------------------------------------

    def usage(self) -> tuple[int, int]:
        """Live browsers in the whole cluster and the limit."""
        with self._coordinated():
            return self.registry.live_count(), self.config.pool_size

    def stats(self) -> PoolStats:
        """Every live browser of the cluster (memory is the Grid node's business: reported as 0)."""
        now = time.time()
        with self._coordinated():
            infos = [PortalSessionInfo(e.account_key, e.portal_session_id, now - e.last_used_at,
                                       self.locks.is_held(e.account_key), 0.0) for e in self.registry.entries()]
        return PoolStats(live=len(infos), max=self.config.pool_size, sessions=infos)

    def keep_alive_once(self) -> bool:
        """Keep idle logins warm if this replica leads the keep-alive; whether it did."""
        with self._coordinated():
            return self.keepalive.run_once()

    # --- plumbing -------------------------------------------------------------------------------------------------

    def _lock(self, account_key: str) -> str:
        try:
            return self.locks.acquire(account_key, timeout_seconds=self._lock_wait, stop=self._stop)
        except LockWaitTimeout:
            raise PortalSessionBusyError(max(1, math.ceil(self.config.page_timeout_seconds))) from None

    def _unlock(self, account_key: str, token: str) -> None:
        try:
            self.locks.release(account_key, token)
        except redis.RedisError as exc:  # the lease lapses on its own
            log.warning("could not release the lock of %s: %s", account_key, exc)

    @contextmanager
    def _coordinated(self) -> Iterator[None]:
        try:
            yield
        except redis.RedisError as exc:
            log.warning("browser pool: Redis unreachable (%s)", type(exc).__name__)
            raise PoolCoordinationUnavailableError(self._retry_seconds) from None

    def shutdown(self) -> None:
        """Stop this replica's background work and let go of its browsers: they stay on the Grid, logged in."""
        self._stop.set()
        self.keepalive.stop()
        self.locks.close()
        with self._attached_lock:
            attached, self._attached = list(self._attached.values()), {}
        for portal_session in attached:
            portal_session.browser.detach()

    def __enter__(self) -> ClusterPortalSessionPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
