"""The reCAPTCHA v2 look-alike's server side: checkbox-or-challenge draws, audio challenges, widget tokens."""

from __future__ import annotations

import array
import hashlib
import io
import math
import random
import secrets
import wave
from collections.abc import Callable
from dataclasses import dataclass, field

DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
CHALLENGE_MODES = ("seeded", "always", "never")
AUDIO_SAMPLE_RATE = 8000
_TONE_SECONDS, _GAP_SECONDS = 0.18, 0.07


def digits_wav(digits: str) -> bytes:
    """A small mono WAV with one tone per digit (the real widget speaks words; tones keep this offline)."""
    samples = array.array("h")
    for digit in digits:
        frequency = 440 + 110 * int(digit)
        samples.extend(int(9000 * math.sin(2 * math.pi * frequency * n / AUDIO_SAMPLE_RATE))
                       for n in range(int(_TONE_SECONDS * AUDIO_SAMPLE_RATE)))
        samples.extend([0] * int(_GAP_SECONDS * AUDIO_SAMPLE_RATE))
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(AUDIO_SAMPLE_RATE)
        out.writeframes(samples.tobytes())
    return buffer.getvalue()


def audio_fingerprint(audio: bytes) -> str:
    """How the sandbox solver recognises an audio file it was sent."""
    return hashlib.sha256(audio).hexdigest()


@dataclass
class AudioChallenge:
    """One audio challenge: the words it says and its sound file."""

    challenge_id: str
    words: str
    audio: bytes


@dataclass
class RecaptchaDesk:
    """Draws whether a click passes at once, serves audio challenges, checks answers; tokens go to `issue`."""

    seed: int
    challenge_mode: str
    challenge_rate: float
    issue: Callable[[], str]
    known_audio: dict[str, str]
    wrong_next_answers: int = 0
    challenges: dict[str, AudioChallenge] = field(default_factory=dict)
    served: int = 0
    rng: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self.rng = random.Random(f"{self.seed}:recaptcha")

    def click_needs_challenge(self) -> bool:
        """Whether this checkbox click opens a challenge (seeded draw unless the mode forces it)."""
        if self.challenge_mode == "always":
            return True
        if self.challenge_mode == "never":
            return False
        return self.rng.random() < self.challenge_rate

    def new_audio_challenge(self) -> AudioChallenge:
        """A fresh challenge of 5 digits; the sandbox solver learns its words through its fingerprint."""
        digits = "".join(str(self.rng.randrange(10)) for _ in range(5))
        challenge = AudioChallenge(secrets.token_urlsafe(12), " ".join(DIGIT_WORDS[int(d)] for d in digits),
                                   digits_wav(digits))
        self.challenges[challenge.challenge_id] = challenge
        self.known_audio[audio_fingerprint(challenge.audio)] = challenge.words
        self.served += 1
        return challenge

    def verify(self, challenge_id: str, answer: str) -> str | None:
        """A token when the answer says the challenge's words (case and spacing ignored), else None."""
        challenge = self.challenges.pop(challenge_id, None)
        if challenge is None:
            return None
        said = " ".join(answer.lower().replace(",", " ").split())
        if said != challenge.words:
            return None
        if self.wrong_next_answers > 0:
            self.wrong_next_answers -= 1  # chaos: judge a right answer wrong, so a new challenge follows
            return None
        return self.issue()
