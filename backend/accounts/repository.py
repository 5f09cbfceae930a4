"""Queries and changes on stored E-Modal accounts, always scoped to their owner."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.errors import NotFound
from backend.models import EModalAccount
from backend.models.base import utcnow
from backend.security.secrets_box import SecretsBox


@dataclass(frozen=True)
class AccountCredentials:
    """Decrypted credentials, handed only to the portal connector."""

    account_id: int
    username: str
    password: str
    captcha_api_key: str

    def __repr__(self) -> str:
        return f"AccountCredentials(account_id={self.account_id}, username={self.username!r}, secrets=***)"


class AccountRepository:
    """Stored E-Modal accounts of one owner."""

    def __init__(self, *, db: Session, secrets_box: SecretsBox):
        self._db = db
        self._box = secrets_box

    def list(self, *, user_id: int) -> list[EModalAccount]:
        """The owner's accounts, oldest first."""
        query = select(EModalAccount).where(EModalAccount.user_id == user_id).order_by(EModalAccount.id)
        return list(self._db.scalars(query))

    def get_owned(self, *, user_id: int, account_id: int) -> EModalAccount:
        """One of the owner's accounts; 404 for a missing one or another user's."""
        account = self._db.get(EModalAccount, account_id)
        if account is None or account.user_id != user_id:
            raise NotFound(f"No E-Modal account {account_id} among yours.")
        return account

    def create(
        self, *, user_id: int, label: str, username: str, password: str, captcha_api_key: str
    ) -> EModalAccount:
        """Store a new account with its secrets encrypted."""
        account = EModalAccount(
            user_id=user_id,
            label=label,
            username=username,
            password_encrypted=self._box.encrypt(password),
            captcha_api_key_encrypted=self._box.encrypt(captcha_api_key),
        )
        self._db.add(account)
        self._db.flush()
        return account

    def update(
        self, account: EModalAccount, *, label: str | None = None, username: str | None = None,
        password: str | None = None, captcha_api_key: str | None = None,
    ) -> EModalAccount:
        """Change the given fields; secrets are re-encrypted."""
        if label is not None:
            account.label = label
        if username is not None:
            account.username = username
        if password is not None:
            account.password_encrypted = self._box.encrypt(password)
        if captcha_api_key is not None:
            account.captcha_api_key_encrypted = self._box.encrypt(captcha_api_key)
        self._db.flush()
        return account

    def delete(self, account: EModalAccount) -> None:
        """Remove an account (its portal session records go with it)."""
        self._db.delete(account)
        self._db.flush()

    def mark_used(self, account: EModalAccount) -> None:
        """Record that the account was just used."""
        account.last_used_at = utcnow()

    def credentials(self, account: EModalAccount) -> AccountCredentials:
        """Decrypt an account's secrets for the connector."""
        return AccountCredentials(
            account_id=account.id,
            username=account.username,
            password=self._box.decrypt(account.password_encrypted),
            captcha_api_key=self._box.decrypt(account.captcha_api_key_encrypted),
        )
