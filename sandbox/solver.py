"""The 2captcha-style solving service: tasks, tokens and the single-use token check the login does."""

from __future__ import annotations

import base64
import binascii
import hashlib
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

TOKEN_LIFETIME_SECONDS = 120.0
PRICE_PER_SOLVE = 0.00299
SOLVER_MODES = ("ok", "unsolvable", "no_slot", "zero_balance")
AUDIO_LANGUAGES = ("en", "ru", "de", "el", "pt", "fr")
MIN_AUDIO_BYTES, MAX_AUDIO_BYTES = 100, 1_000_000


@dataclass
class SolveTask:
    """One submitted captcha: ready after the configured delay."""

    task_id: str
    site_key: str
    page_url: str
    ready_at: float
    token: str | None = None
    failed: bool = False
    audio_fingerprint: str | None = None  # set for `method=audio`: the answer is words, not a token


@dataclass
class IssuedToken:
    """A token the service handed out; the login accepts it once, within its lifetime."""

    site_key: str
    page_path: str
    issued_at: float
    used: bool = False


def page_path(url: str) -> str:
    """The part of a page URL the token is bound to (host and query ignored)."""
    return urlsplit(url).path.rstrip("/").lower()


@dataclass
class SolverDesk:
    """In-memory solver state; `clock` is injectable so tests can age tokens."""

    api_key: str
    delay_seconds: float
    balance: float
    mode: str = "ok"
    clock: Callable[[], float] = time.monotonic
    tasks: dict[str, SolveTask] = field(default_factory=dict)
    tokens: dict[str, IssuedToken] = field(default_factory=dict)
    # Words of the audio files the widget served, by SHA-256: the sandbox "worker" knows what each one says.
    known_audio: dict[str, str] = field(default_factory=dict)

    def _now(self) -> float:
        return self.clock()

    def submit(self, key: str, method: str, site_key: str, page_url: str, *, body: str = "",
               lang: str = "en") -> tuple[int, str]:
        """Handle `in.php`: (status, request) as the protocol answers."""
        refused = self._refusal(key)
        if refused:
            return 0, refused
        if method == "audio":
            return self._submit_audio(body, lang)
        if method != "userrecaptcha":
            return 0, "ERROR_BAD_PARAMETERS"
        if not site_key:
            return 0, "ERROR_GOOGLEKEY"
        if not page_url:
            return 0, "ERROR_PAGEURL"
        return 1, self._new_task(SolveTask("", site_key, page_url, 0.0))

    def _refusal(self, key: str) -> str:
        if not key:
            return "ERROR_WRONG_USER_KEY"
        if key != self.api_key:
            return "ERROR_KEY_DOES_NOT_EXIST"
        if self.mode == "zero_balance" or self.balance < PRICE_PER_SOLVE:
            return "ERROR_ZERO_BALANCE"
        if self.mode == "no_slot":
            return "ERROR_NO_SLOT_AVAILABLE"
        return ""

    def _submit_audio(self, body: str, lang: str) -> tuple[int, str]:
        if lang not in AUDIO_LANGUAGES:
            return 0, "ERROR_BAD_PARAMETERS"  # the code 2captcha gives for an unknown language is a *guess*
        try:
            audio = base64.b64decode(body, validate=True)
        except (binascii.Error, ValueError):
            return 0, "ERROR_UPLOAD"
        if len(audio) < MIN_AUDIO_BYTES:
            return 0, "ERROR_ZERO_CAPTCHA_FILESIZE"
        if len(audio) > MAX_AUDIO_BYTES:
            return 0, "ERROR_TOO_BIG_CAPTCHA_FILESIZE"
        # 2captcha wants an MP3; the widget here serves WAV, which this solver takes (a deliberate difference).
        task = SolveTask("", "", "", 0.0, audio_fingerprint=hashlib.sha256(audio).hexdigest())
        return 1, self._new_task(task)

    def _new_task(self, task: SolveTask) -> str:
        task.task_id = str(70_000_000_000 + secrets.randbelow(9_999_999_999))
        task.ready_at = self._now() + self.delay_seconds
        self.tasks[task.task_id] = task
        return task.task_id

    def poll(self, key: str, action: str, task_id: str) -> tuple[int, str]:
        """Handle `res.php`: balance, reports, or the task's state."""
        if not key:
            return 0, "ERROR_WRONG_USER_KEY"
        if key != self.api_key:
            return 0, "ERROR_KEY_DOES_NOT_EXIST"
        if action == "getbalance":
            return 1, f"{self.balance:.5f}"
        if action in ("reportgood", "reportbad"):
            return 1, "OK_REPORT_RECORDED"
        if action != "get":
            return 0, "ERROR_BAD_PARAMETERS"
        task = self.tasks.get(task_id)
        if task is None:
            return 0, "ERROR_WRONG_CAPTCHA_ID"
        if task.failed:
            return 0, "ERROR_CAPTCHA_UNSOLVABLE"
        if task.token:
            return 1, task.token
        if self._now() < task.ready_at:
            return 0, "CAPCHA_NOT_READY"
        words = self.known_audio.get(task.audio_fingerprint or "") if task.audio_fingerprint else None
        if self.mode == "unsolvable" or (task.audio_fingerprint and words is None):
            task.failed = True
            return 0, "ERROR_CAPTCHA_UNSOLVABLE"
        task.token = words or self.issue(task.site_key, task.page_url)
        self.balance -= PRICE_PER_SOLVE
        return 1, task.token

    def issue(self, site_key: str, page_url: str) -> str:
        """A new single-use token for that site key and page (the solver's and the widget's own)."""
        token = "03A" + secrets.token_urlsafe(300)
        self.tokens[token] = IssuedToken(site_key, page_path(page_url), self._now())
        return token

    def redeem(self, token: str, site_key: str, login_url: str) -> bool:
        """Whether `token` was issued for this site key and login page, is fresh, and unused; uses it."""
        issued = self.tokens.get(token)
        if issued is None or issued.used:
            return False
        issued.used = True
        fresh = self._now() - issued.issued_at <= TOKEN_LIFETIME_SECONDS
        return fresh and issued.site_key == site_key and issued.page_path == page_path(login_url)
