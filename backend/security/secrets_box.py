"""Encryption at rest for E-Modal passwords and captcha keys (Fernet, key derived from settings)."""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken

from backend.errors import ConfigurationError


class SecretsBox:
    """Encrypts and decrypts the secrets of stored E-Modal accounts."""

    def __init__(self, encryption_key: str):
        digest = hashlib.sha256(encryption_key.encode("utf-8")).digest()
        self._fernet = Fernet(base64.urlsafe_b64encode(digest))

    def encrypt(self, plaintext: str) -> bytes:
        """Encrypt one secret."""
        return self._fernet.encrypt(plaintext.encode("utf-8"))

    def decrypt(self, ciphertext: bytes) -> str:
        """Decrypt one secret; a changed encryption key is reported as a configuration problem."""
        try:
            return self._fernet.decrypt(ciphertext).decode("utf-8")
        except InvalidToken as exc:
            raise ConfigurationError(
                "A stored E-Modal secret cannot be decrypted: EMODAL_AGENT_ENCRYPTION_KEY has changed."
            ) from exc
