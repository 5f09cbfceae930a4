"""Request and response bodies of the auth endpoints."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

USERNAME_PATTERN = r"^[A-Za-z0-9_.@+-]+$"


class RegisterRequest(BaseModel):
    """A new user's chosen name and password."""

    username: str = Field(min_length=3, max_length=150, pattern=USERNAME_PATTERN,
                          description="3-150 letters, digits or _ . @ + -")
    password: str = Field(min_length=8, max_length=10_000, description="at least 8 characters, any Unicode")
    invitation_code: str | None = Field(default=None, min_length=1, max_length=200,
                                        description="a single-use code from an administrator; required when "
                                                    "registration is closed (production)")


class UserOut(BaseModel):
    """A user as the API shows it."""

    id: int
    username: str
    role: str
    is_active: bool = True
    created_at: datetime


class TokenPair(BaseModel):
    """What a login or a refresh returns."""

    access_token: str
    refresh_token: str
    token_type: str = "bearer"
    expires_in: int
    auth_session_id: str


class RefreshRequest(BaseModel):
    """A refresh token to exchange for a new pair."""

    refresh_token: str = Field(min_length=1)


class MeOut(UserOut):
    """The caller, with the auth session the token belongs to."""

    auth_session_id: str
