"""Request and response bodies of the E-Modal account endpoints (no secret ever leaves)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from backend.models.base import MAX_DB_ID


class AccountCreate(BaseModel):
    """A new E-Modal account: the portal login and the captcha solving key."""

    label: str = Field(min_length=1, max_length=100)
    username: str = Field(min_length=1, max_length=150)
    password: str = Field(min_length=1, max_length=500)
    captcha_api_key: str = Field(min_length=1, max_length=500)


class AccountUpdate(BaseModel):
    """Fields to change; omitted ones stay as they are."""

    label: str | None = Field(default=None, min_length=1, max_length=100)
    username: str | None = Field(default=None, min_length=1, max_length=150)
    password: str | None = Field(default=None, min_length=1, max_length=500)
    captcha_api_key: str | None = Field(default=None, min_length=1, max_length=500)


class AccountOut(BaseModel):
    """A stored account as the API shows it: never the password or the captcha key."""

    id: int
    label: str
    username: str
    created_at: datetime
    last_used_at: datetime | None
    is_active: bool = False
    is_default: bool = False  # selected at each login (the account last chosen with POST /sessions/current/account)


class SwitchAccountRequest(BaseModel):
    """The stored account to make active for this auth session."""

    account_id: int = Field(ge=1, le=MAX_DB_ID)
