"""Settings of one sandbox instance: data size, timings and test switches."""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass
class SandboxConfig:
    """Every knob of the sandbox; dates in the generated data are relative to `today`."""

    seed: int = 7
    containers_per_account: int = 120
    captcha_delay_seconds: float = 3.0
    login_idle_minutes: float = 10
    chaos_token: str | None = None
    blocked_region: bool = False
    solver_api_key: str = "sandbox-solver-key"
    solver_balance: float = 25.0
    today: datetime.date | None = None
    # reCAPTCHA widget: whether a checkbox click opens a challenge ("seeded" draws with `recaptcha_challenge_rate`).
    recaptcha_challenge: str = "seeded"
    recaptcha_challenge_rate: float = 0.5
    # Accounts that see the first-login welcome page; None draws it per account from the seed.
    welcome_accounts: tuple[str, ...] | None = None

    def effective_today(self) -> datetime.date:
        """The day the generated data treats as today."""
        return self.today or datetime.date.today()
