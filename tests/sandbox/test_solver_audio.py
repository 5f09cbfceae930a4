"""The solver's `method=audio` over HTTP: base64 body in, the spoken words out, 2captcha's errors."""

from __future__ import annotations

import base64
import io
import wave
from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from sandbox.app import create_sandbox_app
from sandbox.config import SandboxConfig
from sandbox.recaptcha import DIGIT_WORDS, digits_wav
from sandbox.state import SandboxState

KEY = "sandbox-solver-key"


@pytest.fixture
def state() -> SandboxState:
    return SandboxState(SandboxConfig(captcha_delay_seconds=0, containers_per_account=5))


@pytest.fixture
def client(state: SandboxState) -> Iterator[TestClient]:
    with TestClient(create_sandbox_app(state.config, state)) as client:
        yield client


def solve(client: TestClient, body: str, **extra: str) -> dict[str, object]:
    task: dict[str, object] = client.post("/in.php", data={"key": KEY, "method": "audio", "body": body,
                                                           "lang": "en", "json": "1", **extra}).json()
    if task["status"] != 1:
        return task
    answer: dict[str, object] = client.get("/res.php", params={"key": KEY, "action": "get", "id": str(task["request"]),
                                                               "json": "1"}).json()
    return answer


class TestAudioMethod:
    def test_words_of_a_served_challenge(self, client: TestClient, state: SandboxState) -> None:
        challenge = state.recaptcha.new_audio_challenge()
        audio = client.get(f"/recaptcha/api2/payload/audio.wav?c={challenge.challenge_id}").content
        answer = solve(client, base64.b64encode(audio).decode())
        assert answer == {"status": 1, "request": challenge.words}
        assert all(word in DIGIT_WORDS for word in str(answer["request"]).split())

    def test_audio_nobody_knows_is_unsolvable(self, client: TestClient) -> None:
        answer = solve(client, base64.b64encode(digits_wav("12")).decode())
        assert answer == {"status": 0, "request": "ERROR_CAPTCHA_UNSOLVABLE"}

    @pytest.mark.parametrize(("body", "extra", "error"), [
        ("", {}, "ERROR_ZERO_CAPTCHA_FILESIZE"),
        ("not base64!", {}, "ERROR_UPLOAD"),
        (base64.b64encode(b"x" * 1_000_001).decode(), {}, "ERROR_TOO_BIG_CAPTCHA_FILESIZE"),
        (base64.b64encode(b"x" * 200).decode(), {"lang": "xx"}, "ERROR_BAD_PARAMETERS"),
        (base64.b64encode(b"x" * 200).decode(), {"key": "wrong"}, "ERROR_KEY_DOES_NOT_EXIST"),
    ])
    def test_errors(self, client: TestClient, body: str, extra: dict[str, str], error: str) -> None:
        assert solve(client, body, **extra) == {"status": 0, "request": error}

    def test_sound_file_is_a_small_wav(self) -> None:
        with wave.open(io.BytesIO(digits_wav("31415"))) as sound:
            seconds = sound.getnframes() / sound.getframerate()
        assert 1.0 < seconds < 2.0 and len(digits_wav("31415")) < 40_000
