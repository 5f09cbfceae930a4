"""The sandbox's login accounts; the README and other tests import these defaults."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SandboxAccount:
    """One portal user, the trucking company it dispatches for and that company's trucks."""

    username: str
    password: str
    company: str
    scac: str
    plates: tuple[str, ...]
    locked: bool = False


DISPATCH1 = SandboxAccount(
    username="dispatch1",
    password="Sandbox-Pass-1",
    company="K & R TRANSPORTATION LLC",
    scac="KRTL",
    plates=("7KRT481", "8KRT223", "6KRT917", "9KRT052"),
)
DISPATCH2 = SandboxAccount(
    username="dispatch2",
    password="Sandbox-Pass-2",
    company="PACIFIC COAST DRAYAGE INC",
    scac="PCDY",
    plates=("5PCD310", "7PCD846", "8PCD129"),
)
LOCKED = SandboxAccount(
    username="locked1",
    password="Sandbox-Pass-3",
    company="HARBOR LINK LOGISTICS",
    scac="HBLK",
    plates=("6HBL774",),
    locked=True,
)
DEFAULT_ACCOUNTS: tuple[SandboxAccount, ...] = (DISPATCH1, DISPATCH2, LOCKED)

WRONG_CREDENTIALS_TEXT = "Invalid username or password"
LOCKED_TEXT = "User account locked. Please contact your E-Modal administrator."
CAPTCHA_FAILED_TEXT = "The captcha verification failed. Please try again."
EXPIRED_LOGIN_TEXT = (
    "You are either not logged in or your session has expired. "
    "Please use your back button or return to the home page and login."
)
