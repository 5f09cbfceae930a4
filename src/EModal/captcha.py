"""A client of the 2captcha protocol (`in.php` / `res.php`): reCAPTCHA v2 tokens and audio challenges' words."""

from __future__ import annotations

import base64
import logging
import threading
import time
from typing import Any

import httpx

from EModal.errors import CaptchaError

log = logging.getLogger(__name__)

_REASONS = {
    "ERROR_WRONG_USER_KEY": CaptchaError.WRONG_KEY,
    "ERROR_KEY_DOES_NOT_EXIST": CaptchaError.WRONG_KEY,
    "ERROR_ZERO_BALANCE": CaptchaError.ZERO_BALANCE,
    "ERROR_NO_SLOT_AVAILABLE": CaptchaError.NO_SLOT,
    "ERROR_CAPTCHA_UNSOLVABLE": CaptchaError.UNSOLVABLE,
}


class CaptchaSolver:
    """Submit a reCAPTCHA task and poll for its token, within a time limit."""

    def __init__(
        self,
        *,
        base_url: str,
        api_key: str,
        poll_seconds: float = 5.0,
        timeout_seconds: float = 120.0,
        http: httpx.Client | None = None,
        stop: threading.Event | None = None,
    ) -> None:
        self._base_url = base_url.rstrip("/")
        self._api_key = api_key
        self._poll_seconds = poll_seconds
        self._timeout_seconds = timeout_seconds
        self._http = http or httpx.Client(timeout=30.0)
        self._owns_http = http is None
        # Waiting on an event (not sleeping) lets a shutdown interrupt a poll.
        self._stop = stop or threading.Event()

    def close(self) -> None:
        """Release the HTTP client if this solver created it."""
        if self._owns_http:
            self._http.close()

    def solve_recaptcha(self, *, site_key: str, page_url: str) -> str:
        """Return a token for that site key and page, or raise `CaptchaError` with the solver's reason."""
        return self._solve({"method": "userrecaptcha", "googlekey": site_key, "pageurl": page_url})

    def solve_audio(self, audio: bytes, *, lang: str = "en") -> str:
        """Return the words spoken in an audio challenge's sound file (`method=audio`, base64 body)."""
        body = base64.b64encode(audio).decode("ascii")
        return self._solve({"method": "audio", "body": body, "lang": lang})

    def _solve(self, form: dict[str, str]) -> str:
        deadline = time.monotonic() + self._timeout_seconds
        task_id = self._submit(form, deadline)
        log.info("captcha task %s submitted (%s)", task_id, form["method"])
        while True:
            answer = self._call("GET", "/res.php", {"action": "get", "id": task_id})
            if answer.get("status") == 1:
                return str(answer["request"])
            message = str(answer.get("request", ""))
            if message != "CAPCHA_NOT_READY":
                raise self._error(message)
            if not self._wait_until_next_poll(deadline):
                raise CaptchaError(CaptchaError.TIMEOUT, f"no answer within {self._timeout_seconds:g} s")

    def _submit(self, form: dict[str, str], deadline: float) -> str:
        while True:
            answer = self._call("POST", "/in.php", form)
            if answer.get("status") == 1:
                return str(answer["request"])
            message = str(answer.get("request", ""))
            # No free worker is temporary: the protocol says to try again after a pause.
            if message != "ERROR_NO_SLOT_AVAILABLE":
                raise self._error(message)
            if not self._wait_until_next_poll(deadline):
                raise self._error(message)

    def _wait_until_next_poll(self, deadline: float) -> bool:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False
        if self._stop.wait(min(self._poll_seconds, remaining)):
            raise CaptchaError(CaptchaError.TIMEOUT, "stopped while waiting for the solver")
        return True

    def _call(self, method: str, path: str, values: dict[str, str]) -> dict[str, Any]:
        values = {**values, "key": self._api_key, "json": "1"}
        try:
            if method == "POST":
                response = self._http.post(self._base_url + path, data=values)
            else:
                response = self._http.get(self._base_url + path, params=values)
            response.raise_for_status()
            answer = response.json()
        except httpx.HTTPStatusError as exc:
            raise CaptchaError(CaptchaError.UNREACHABLE, f"HTTP {exc.response.status_code}") from None
        except (httpx.HTTPError, ValueError) as exc:
            # The exception text can hold the request URL and with it the API key: keep only its kind.
            raise CaptchaError(CaptchaError.UNREACHABLE, type(exc).__name__) from None
        if not isinstance(answer, dict):
            raise CaptchaError(CaptchaError.REJECTED, "unexpected answer")
        return answer

    @staticmethod
    def _error(message: str) -> CaptchaError:
        return CaptchaError(_REASONS.get(message, CaptchaError.REJECTED), message)
