"""The 2captcha client's audio method against the sandbox solver over HTTP (no browser)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from EModal.captcha import CaptchaSolver
from EModal.errors import CaptchaError
from tests.EModal.support import SOLVER_KEY


def solver(base_url: str) -> CaptchaSolver:
    return CaptchaSolver(base_url=base_url, api_key=SOLVER_KEY, poll_seconds=0.05, timeout_seconds=5)


def test_words_of_a_challenge_the_widget_served(sandbox_server: Any, sandbox_url: str) -> None:
    challenge = sandbox_server.state.recaptcha.new_audio_challenge()
    audio = httpx.get(f"{sandbox_url}/recaptcha/api2/payload/audio.wav", params={"c": challenge.challenge_id}).content
    assert solver(sandbox_url).solve_audio(audio) == challenge.words


def test_audio_nobody_can_hear_is_unsolvable(sandbox_url: str) -> None:
    with pytest.raises(CaptchaError) as caught:
        solver(sandbox_url).solve_audio(b"RIFF" + bytes(400))
    assert caught.value.reason == CaptchaError.UNSOLVABLE


def test_empty_audio_is_refused_with_the_service_message(sandbox_url: str) -> None:
    with pytest.raises(CaptchaError) as caught:
        solver(sandbox_url).solve_audio(b"")
    assert caught.value.solver_message == "ERROR_ZERO_CAPTCHA_FILESIZE"
