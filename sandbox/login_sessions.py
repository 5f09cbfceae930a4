"""Cookie-based portal logins that expire after an idle time."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field

COOKIE_NAME = ".AspNetCore.Identity.Application"


@dataclass
class PortalLogin:
    """One browser's login: whose it is and when it was last used."""

    username: str
    last_seen: float
    expired: bool = False


@dataclass
class LoginSessions:
    """All live portal logins keyed by cookie value."""

    idle_seconds: float
    clock: Callable[[], float] = time.monotonic
    by_cookie: dict[str, PortalLogin] = field(default_factory=dict)

    def _now(self) -> float:
        return self.clock()

    def open(self, username: str) -> str:
        """Start a login and return its cookie value."""
        cookie = secrets.token_urlsafe(32)
        self.by_cookie[cookie] = PortalLogin(username, self._now())
        return cookie

    def touch(self, cookie: str | None) -> tuple[str | None, bool]:
        """(username, expired) for a cookie; a live login is kept warm by the visit."""
        login = self.by_cookie.get(cookie or "")
        if login is None:
            return None, False
        if login.expired or self._now() - login.last_seen > self.idle_seconds:
            login.expired = True
            return login.username, True
        login.last_seen = self._now()
        return login.username, False

    def expire_user(self, username: str) -> int:
        """Expire every login of `username` now; returns how many."""
        hits = [login for login in self.by_cookie.values() if login.username == username and not login.expired]
        for login in hits:
            login.expired = True
        return len(hits)

    def close(self, cookie: str | None) -> None:
        """Log out."""
        self.by_cookie.pop(cookie or "", None)
