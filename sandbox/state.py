"""Everything one running sandbox holds in memory, built once from its config."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from sandbox.accounts import DEFAULT_ACCOUNTS, SandboxAccount
from sandbox.catalog import SITE_KEY
from sandbox.config import SandboxConfig
from sandbox.dataset import AccountData, build_account_data
from sandbox.models import Appointment, Slot
from sandbox.portal_sessions import PortalSessionStore
from sandbox.recaptcha import RecaptchaDesk
from sandbox.slots import generate_slots
from sandbox.solver import SolverDesk

LOGIN_PAGE_PATH = "/identity/Account/Login"


@dataclass
class ChaosSwitches:
    """Test-only misbehaviour, all off by default."""

    latency_seconds: float = 0.0
    fail_next_pages: int = 0
    import_variant: bool = False
    popup: bool = False
    reject_next_tokens: int = 0
    slow_wizard_seconds: float = 0.0
    expire_mid_wizard: set[str] = field(default_factory=set)

    def reset(self) -> None:
        """Turn every switch off."""
        self.latency_seconds, self.fail_next_pages = 0.0, 0
        self.import_variant = self.popup = False
        self.reject_next_tokens, self.slow_wizard_seconds = 0, 0.0
        self.expire_mid_wizard.clear()


class SandboxState:
    """Accounts with their data, appointment capacity, logins, solver tasks and chaos switches."""

    def __init__(self, config: SandboxConfig, accounts: tuple[SandboxAccount, ...] = DEFAULT_ACCOUNTS) -> None:
        self.config = config
        self.today = config.effective_today()
        self.blocked_region = config.blocked_region
        self.accounts = {a.username: a for a in accounts}
        self.data: dict[str, AccountData] = {
            a.username: build_account_data(a, config.seed, config.containers_per_account, self.today)
            for a in accounts
            if not a.locked
        }
        self.slots: dict[str, Slot] = generate_slots(config.seed, self.today)
        self.logins = PortalSessionStore(idle_seconds=config.login_idle_minutes * 60)
        self.solver = SolverDesk(config.solver_api_key, config.captcha_delay_seconds, config.solver_balance)
        self.recaptcha = RecaptchaDesk(
            config.seed, config.recaptcha_challenge, config.recaptcha_challenge_rate,
            issue=lambda: self.solver.issue(SITE_KEY, LOGIN_PAGE_PATH), known_audio=self.solver.known_audio,
        )
        self.welcome_pending: set[str] = welcome_accounts(config, accounts)
        self.chaos = ChaosSwitches()
        self.rng = random.Random(f"{config.seed}:appointments")

    def appointments(self, username: str) -> list[Appointment]:
        """The user's appointments, newest first."""
        return sorted(self.data[username].appointments, key=lambda a: a.created_at, reverse=True)

    def find_appointment(self, number: str) -> Appointment | None:
        """An appointment by its number, in any account."""
        for data in self.data.values():
            for appointment in data.appointments:
                if appointment.number == number:
                    return appointment
        return None


def welcome_accounts(config: SandboxConfig, accounts: tuple[SandboxAccount, ...]) -> set[str]:
    """Who sees the welcome page at first login: as configured, else a seeded draw per account."""
    if config.welcome_accounts is not None:
        return set(config.welcome_accounts)
    return {a.username for a in accounts if random.Random(f"{config.seed}:welcome:{a.username}").random() < 0.5}
