"""Request and response bodies of the business API (`/emodal/*`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from backend.models.base import MAX_DB_ID

# Inline credentials come all three together or not at all (the schema says so; the service enforces it).
INLINE_CREDENTIALS_RULE: dict[str, Any] = {"dependentRequired": {
    "username": ["password", "captcha_api_key"],
    "password": ["username", "captcha_api_key"],
    "captcha_api_key": ["username", "password"],
}}


class PortalTargetRequest(BaseModel):
    """Which E-Modal login to act with: `session_id`, `account_id`, inline credentials, or the active account.

    Inline credentials are all or nothing: `username`, `password` and `captcha_api_key` together.
    """

    model_config = ConfigDict(json_schema_extra=INLINE_CREDENTIALS_RULE)

    session_id: str | None = Field(default=None, description="an open portal session of yours")
    account_id: int | None = Field(default=None, ge=1, le=MAX_DB_ID,
                                   description="one of your stored E-Modal accounts")
    username: str | None = Field(default=None, max_length=150)
    password: str | None = Field(default=None, max_length=500, repr=False)
    captcha_api_key: str | None = Field(default=None, max_length=500, repr=False)
    store_account: bool = Field(default=False, description="store inline credentials as an account")
    label: str | None = Field(default=None, max_length=100)

    def target_fields(self) -> dict[str, Any]:
        return self.model_dump(include={"session_id", "account_id", "username", "password", "captcha_api_key",
                                        "store_account", "label"})


class ContainersRequest(PortalTargetRequest):
    """Read the container list, all of it or up to a count or a container."""

    target_count: int | None = Field(default=None, ge=1, le=100_000)
    until_container: str | None = Field(default=None, max_length=20)


class ContainerRequest(PortalTargetRequest):
    """One container by number."""

    container_number: str = Field(min_length=4, max_length=20)


class AppointmentRequestBody(PortalTargetRequest):
    """Wizard fields; send what you have, resume with `appointment_session_id` to add the rest."""

    appointment_session_id: str | None = None
    trade_type: str | None = Field(default=None, pattern="^(IMPORT|EXPORT)$")
    trucking_company: str | None = None
    terminal: str | None = None
    move_type: str | None = Field(default=None, pattern="^(PICK FULL|DROP FULL|PICK EMPTY|DROP EMPTY)$")
    container_number: str | None = None
    booking_number: str | None = None
    quantity: int | None = Field(default=None, ge=1, le=99)
    line: str | None = None
    equip_size: str | None = None
    pin: str | None = None
    truck_plate: str | None = None
    own_chassis: bool | None = None
    unit_number: str | None = Field(default=None, max_length=11)
    seals: list[str] | None = Field(default=None, max_length=4)

    def wizard_fields(self) -> dict[str, Any]:
        fields = self.model_dump(exclude=set(PortalTargetRequest.model_fields) | {"appointment_session_id", "slot"},
                                 exclude_none=True)
        if "seals" in fields:
            fields["seals"] = tuple(fields["seals"])
        return fields


class MakeAppointmentRequest(AppointmentRequestBody):
    """Book a slot, by its text as listed in `available_times` (e.g. "Thursday 10/02/2025 07:00 - 12:00")."""

    slot: str = Field(min_length=1)


class PortalSessionOut(BaseModel):
    """One of the caller's portal sessions."""

    session_id: str
    account_id: int | None
    status: str
    created_at: datetime
    last_used_at: datetime
    live_in_pool: bool
