"""The 2captcha client against the sandbox solver over HTTP (no browser)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from EModal.captcha import CaptchaSolver
from EModal.errors import CaptchaError
from tests.EModal.support import SOLVER_KEY, chaos

SITE_KEY = "6LcSandboxSiteKey"


@pytest.fixture(autouse=True)
def _reset_solver(sandbox_url: str) -> Iterator[None]:
    yield
    chaos(sandbox_url, "reset")


def solver(base_url: str, key: str = SOLVER_KEY, timeout: float = 5.0) -> CaptchaSolver:
    return CaptchaSolver(base_url=base_url, api_key=key, poll_seconds=0.05, timeout_seconds=timeout)


class TestCaptchaSolver:
    def test_token_returned(self, sandbox_url: str) -> None:
        token = solver(sandbox_url).solve_recaptcha(site_key=SITE_KEY, page_url=sandbox_url + "/login")
        assert token

    @pytest.mark.parametrize("key", ["", "not-the-key"])
    def test_wrong_key(self, sandbox_url: str, key: str) -> None:
        with pytest.raises(CaptchaError) as caught:
            solver(sandbox_url, key=key).solve_recaptcha(site_key=SITE_KEY, page_url=sandbox_url + "/login")
        assert caught.value.reason == CaptchaError.WRONG_KEY
        assert "not-the-key" not in str(caught.value)

    def test_zero_balance(self, sandbox_url: str) -> None:
        chaos(sandbox_url, "captcha", mode="zero_balance")
        with pytest.raises(CaptchaError) as caught:
            solver(sandbox_url).solve_recaptcha(site_key=SITE_KEY, page_url=sandbox_url + "/login")
        assert caught.value.reason == CaptchaError.ZERO_BALANCE

    def test_unsolvable(self, sandbox_url: str) -> None:
        chaos(sandbox_url, "captcha", mode="unsolvable")
        with pytest.raises(CaptchaError) as caught:
            solver(sandbox_url).solve_recaptcha(site_key=SITE_KEY, page_url=sandbox_url + "/login")
        assert caught.value.reason == CaptchaError.UNSOLVABLE
        assert "ERROR_CAPTCHA_UNSOLVABLE" in str(caught.value)

    def test_timeout(self, sandbox_url: str) -> None:
        chaos(sandbox_url, "captcha", mode="ok", delay_seconds=30)
        with pytest.raises(CaptchaError) as caught:
            solver(sandbox_url, timeout=0.5).solve_recaptcha(site_key=SITE_KEY, page_url=sandbox_url + "/login")
        assert caught.value.reason == CaptchaError.TIMEOUT

    def test_no_free_worker_retried_until_the_limit(self, sandbox_url: str) -> None:
        chaos(sandbox_url, "captcha", mode="no_slot")
        with pytest.raises(CaptchaError) as caught:
            solver(sandbox_url, timeout=0.5).solve_recaptcha(site_key=SITE_KEY, page_url=sandbox_url + "/login")
        assert caught.value.reason == CaptchaError.NO_SLOT

    def test_unreachable_service_hides_the_key(self) -> None:
        with pytest.raises(CaptchaError) as caught:
            solver("http://127.0.0.1:9", key="secret-key-123").solve_recaptcha(site_key=SITE_KEY, page_url="x")
        assert caught.value.reason == CaptchaError.UNREACHABLE
        assert "secret-key-123" not in str(caught.value)
