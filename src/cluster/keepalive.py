"""Keeping idle logins warm, cluster-wide: one replica at a time leads (a Redis lease) and visits them all."""

from __future__ import annotations

import contextlib
import logging
import threading
import time
import uuid
from typing import TYPE_CHECKING

import redis

from cluster.locks import LeaderLease

if TYPE_CHECKING:
    from cluster.pool import ClusterPortalSessionPool

log = logging.getLogger(__name__)


class KeepAliveLeader:
    """Runs the keep-alive visits over the cluster's registry while this replica holds the lease."""

    def __init__(self, pool: ClusterPortalSessionPool, client: redis.Redis, key: str, *, start: bool) -> None:
        self._pool = pool
        config = pool.config
        # The lease outlives the pause between passes, so the leader keeps it from one pass to the next.
        self.lease = LeaderLease(client, key, holder=f"{pool.replica_id}:{uuid.uuid4().hex[:8]}",
                                 lease_seconds=max(30.0, config.keepalive_check_seconds * 3))
        self.visits = 0  # keep-alive visits this replica made (the others make none while it leads)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        if start:
            self._thread = threading.Thread(target=self._loop, name="cluster-keepalive", daemon=True)
            self._thread.start()

    def run_once(self) -> bool:
        """One pass if this replica leads (else nothing); whether it led."""
        if not self.lease.claim():
            return False
        pool, config = self._pool, self._pool.config
        for entry in pool.registry.entries():
            if time.time() - max(entry.last_used_at, entry.kept_alive_at) < config.keepalive_idle_seconds:
                continue
            token = pool.locks.try_acquire(entry.account_key)
            if token is None:
                continue  # busy means warm
            try:
                current = pool.registry.get(entry.account_key)
                if current is None or current.portal_session_id != entry.portal_session_id:
                    continue
                portal_session = pool.portal_session_of(current, None)
                self.visits += 1
                if not portal_session.browser.is_alive():
                    pool.close_entry(current, "browser no longer running")
                elif not portal_session.keep_alive():
                    log.info("portal session %s logged out by the portal: dropped", current.portal_session_id)
                    pool.close_entry(current, "logged out by the portal")
                else:
                    pool.registry.mark_kept_alive(current.account_key)
            finally:
                pool.locks.release(entry.account_key, token)
        return True

    def _loop(self) -> None:
        while not self._stop.wait(self._pool.config.keepalive_check_seconds):
            try:
                self.run_once()
            except Exception:  # the keep-alive must survive one bad browser or a Redis blip
                log.exception("keep-alive pass failed")

    def stop(self) -> None:
        """Stop the passes and hand the lease to another replica."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=self._pool.config.page_timeout_seconds)
        with contextlib.suppress(redis.RedisError):  # else it lapses on its own
            self.lease.give_up()
