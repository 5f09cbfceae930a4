"""JWT access and refresh tokens (python-jose); decoding pins the configured algorithm."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from jose import JWTError, jwt
from jose.exceptions import ExpiredSignatureError

from backend.errors import AuthenticationError

TokenType = Literal["access", "refresh"]


@dataclass(frozen=True)
class TokenClaims:
    """What a verified token says."""

    user_id: int
    auth_session_id: str
    jti: str
    token_type: TokenType
    issued_at: datetime
    expires_at: datetime


class TokenService:
    """Issues and verifies the product's tokens with one key and one algorithm."""

    def __init__(self, *, secret_key: str, algorithm: str, access_ttl: timedelta, refresh_ttl: timedelta):
        self._secret_key = secret_key
        self._algorithm = algorithm
        self._ttl = {"access": access_ttl, "refresh": refresh_ttl}

    def issue(self, *, user_id: int, auth_session_id: str, token_type: TokenType, jti: str | None = None) -> str:
        """Sign a token of `token_type` for this user and auth session."""
        now = datetime.now(UTC)
        claims = {
            "sub": str(user_id),
            "sid": auth_session_id,
            "jti": jti or uuid.uuid4().hex,
            "typ": token_type,
            "iat": int(now.timestamp()),
            "exp": int((now + self._ttl[token_type]).timestamp()),
        }
        return jwt.encode(claims, self._secret_key, algorithm=self._algorithm)

    def verify(self, token: str, *, expected_type: TokenType) -> TokenClaims:
        """Check signature, algorithm, expiry and type; raise AuthenticationError otherwise."""
        try:
            header = jwt.get_unverified_header(token)
        except JWTError as exc:
            raise AuthenticationError("The token is malformed; log in again.") from exc
        if header.get("alg") != self._algorithm:
            raise AuthenticationError("The token is signed with an algorithm this server does not accept.")
        try:
            payload = jwt.decode(
                token,
                self._secret_key,
                algorithms=[self._algorithm],
                options={"require_exp": True, "require_iat": True, "require_sub": True, "require_jti": True},
            )
        except ExpiredSignatureError as exc:
            raise AuthenticationError("The token has expired; refresh it or log in again.") from exc
        except JWTError as exc:
            raise AuthenticationError("The token is invalid; log in again.") from exc
        if payload.get("typ") != expected_type:
            raise AuthenticationError(f"A {expected_type} token is required here.")
        try:
            return TokenClaims(
                user_id=int(payload["sub"]),
                auth_session_id=str(payload["sid"]),
                jti=str(payload["jti"]),
                token_type=expected_type,
                issued_at=datetime.fromtimestamp(int(payload["iat"]), UTC),
                expires_at=datetime.fromtimestamp(int(payload["exp"]), UTC),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise AuthenticationError("The token is missing required claims; log in again.") from exc
