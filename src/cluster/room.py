"""Room for one more browser in the cluster: the global size, the per-owner cap, protection and LRU eviction."""

from __future__ import annotations

import logging
import math
import threading
import time
import uuid
from collections.abc import Callable

from cluster.locks import FairLocks
from cluster.registry import BrowserRegistry, RegisteredBrowser
from EModal import ConnectorConfig, PoolBusyError, PortalSessionLimitError

log = logging.getLogger(__name__)


class PoolRoom:
    """Reserves room for a login, evicting what the owner may take the place of, as `PortalSessionPool` does."""

    def __init__(self, config: ConnectorConfig, registry: BrowserRegistry, locks: FairLocks,
                 close_entry: Callable[[RegisteredBrowser, str], None], stop: threading.Event) -> None:
        self.config = config
        self.registry = registry
        self.locks = locks
        self._close_entry = close_entry
        self._stop = stop

    def reserve(self, owner: str) -> str:
        """A reservation token for one login of `owner`; `PoolBusyError` when no room frees up in time."""
        token = uuid.uuid4().hex
        wait = self.config.pool_wait_seconds
        deadline = time.monotonic() + (self.config.page_timeout_seconds if wait is None else wait)
        ttl = self.config.captcha_timeout_seconds + 3 * self.config.page_timeout_seconds
        while True:
            verdict = self.registry.reserve(owner=owner, token=token, pool_size=self.config.pool_size,
                                            per_owner_limit=self.config.per_owner_limit, ttl_seconds=ttl)
            if verdict == "ok":
                return token
            owner_full = verdict == "owner_full"
            if self._evict_one(owner, owner_full):
                continue
            if time.monotonic() >= deadline:  # raised only after a last look found nothing to evict
                raise self._busy_error(owner_full)
            self._stop.wait(0.1)

    def _evict_one(self, owner: str, owner_full: bool) -> bool:
        """Close the least recently used browser `owner` may take the place of; whether one was closed."""
        now = time.time()
        for entry in self.registry.entries():
            mine = entry.owner == owner
            protected = now - entry.last_used_at < self.config.protect_recent_seconds
            if (owner_full and not mine) or (not mine and protected):
                continue
            token = self.locks.try_acquire(entry.account_key)
            if token is None:
                continue  # in use on some replica
            try:
                current = self.registry.get(entry.account_key)
                if current is None or current.portal_session_id != entry.portal_session_id:
                    continue
                log.info("pool full: evicting least recently used portal session %s", entry.portal_session_id)
                self._close_entry(current, "evicted (least recently used)")
                return True
            finally:
                self.locks.release(entry.account_key, token)
        return False

    def _busy_error(self, owner_full: bool) -> PoolBusyError:
        if owner_full:
            return PortalSessionLimitError(self.config.per_owner_limit, 30)
        now = time.time()
        waits = [self.config.protect_recent_seconds - (now - e.last_used_at) for e in self.registry.entries()]
        retry_after = max(1, math.ceil(min((w for w in waits if w > 0), default=30.0)))
        return PoolBusyError(self.config.pool_size, retry_after)
