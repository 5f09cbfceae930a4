"""The portal's own server-side record of a portal session: one login, the cookies of every site it reached."""

from __future__ import annotations

import secrets
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

# The identity site's cookie (host-only on the identity host).
COOKIE_NAME = ".AspNetCore.Identity.Application"
# Each app site keeps a host-only cookie of its own. The real names are unknown (*guess*); they differ here so
# that in the single-host layout (every site on one address) each site still needs its own sign-on hop.
SITE_COOKIE_NAMES: dict[str, str] = {
    "ecp2": ".AspNetCore.Cookies.ecp2",
    "termops": ".AspNetCore.Cookies.termops",
    "truckerportal": ".AspNetCore.Cookies.truckerportal",
}
CODE_LIFETIME_SECONDS = 60.0


@dataclass
class PortalSessionRecord:
    """One browser's login as the portal keeps it: whose it is and when it was last used."""

    username: str
    last_seen: float
    expired: bool = False


@dataclass
class _AuthorizationCode:
    record: PortalSessionRecord
    site: str
    issued_at: float


@dataclass
class PortalSessionStore:
    """Every live portal session, reachable from the identity cookie and from each site's cookie."""

    idle_seconds: float
    clock: Callable[[], float] = time.monotonic
    by_cookie: dict[str, PortalSessionRecord] = field(default_factory=dict)
    codes: dict[str, _AuthorizationCode] = field(default_factory=dict)
    # Successful logins per username since start: tests read it to prove a warm login was reused, not redone.
    login_counts: Counter[str] = field(default_factory=Counter)

    def _now(self) -> float:
        return self.clock()

    def open(self, username: str) -> str:
        """Start a portal session at the identity site and return its identity cookie value."""
        cookie = secrets.token_urlsafe(32)
        self.by_cookie[cookie] = PortalSessionRecord(username, self._now())
        self.login_counts[username] += 1
        return cookie

    def touch(self, cookie: str | None) -> tuple[str | None, bool]:
        """(username, expired) for any cookie of a session; a live session is kept warm by the visit."""
        record = self.by_cookie.get(cookie or "")
        if record is None:
            return None, False
        if record.expired or self._now() - record.last_seen > self.idle_seconds:
            record.expired = True
            return record.username, True
        record.last_seen = self._now()
        return record.username, False

    def issue_code(self, identity_cookie: str | None, site: str) -> str | None:
        """An OIDC authorization code for `site`, if the identity cookie is a live session."""
        username, expired = self.touch(identity_cookie)
        if username is None or expired:
            return None
        code = secrets.token_urlsafe(24)
        self.codes[code] = _AuthorizationCode(self.by_cookie[identity_cookie or ""], site, self._now())
        return code

    def redeem_code(self, code: str, site: str | None) -> tuple[str, str, str] | None:
        """Exchange a single-use code at its site (None: the single-address layout, any site); (site, cookie, user)."""
        grant = self.codes.pop(code, None)
        if grant is None or (site is not None and grant.site != site):
            return None
        if self._now() - grant.issued_at > CODE_LIFETIME_SECONDS:
            return None
        cookie = secrets.token_urlsafe(32)
        self.by_cookie[cookie] = grant.record
        return grant.site, cookie, grant.record.username

    def expire_user(self, username: str) -> int:
        """Expire every portal session of `username` now; returns how many."""
        hits = {id(r): r for r in self.by_cookie.values() if r.username == username and not r.expired}
        for record in hits.values():
            record.expired = True
        return len(hits)

    def age_user(self, username: str, seconds: float) -> int:
        """Pretend `username`'s sessions were last used `seconds` ago (idle expiry without waiting)."""
        hits = {id(r): r for r in self.by_cookie.values() if r.username == username and not r.expired}
        for record in hits.values():
            record.last_seen = self._now() - seconds
        return len(hits)

    def close(self, cookie: str | None) -> None:
        """Log out: every cookie of that session stops working."""
        record = self.by_cookie.get(cookie or "")
        if record is None:
            return
        for key in [k for k, r in self.by_cookie.items() if r is record]:
            del self.by_cookie[key]
