"""Request and response bodies of the business API (`/emodal/*`); results are the portal use cases' own shapes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from backend.models import PortalSessionRow
from backend.models.base import MAX_DB_ID
from portal_service import (
    AppointmentRecord,
    BookingOutcome,
    ContainerRecord,
    ContainerTimeline,
    PortalResult,
    SlotCheck,
    SlotFilters,
    StoredFile,
    WizardFields,
)

DEPRECATED_SESSION_ID = "Deprecated: the same as portal_session_id (the business API's original field name)."
# Inline credentials come all three together or not at all (the schema says so; the service enforces it).
INLINE_CREDENTIALS_RULE: dict[str, Any] = {"dependentRequired": {
    "username": ["password", "captcha_api_key"],
    "password": ["username", "captcha_api_key"],
    "captcha_api_key": ["username", "password"],
}}


class PortalTargetRequest(BaseModel):
    """Which E-Modal login to act with: a portal session, a stored account, inline credentials, or the active one.

    Inline credentials are all or nothing: `username`, `password` and `captcha_api_key` together.
    """

    model_config = ConfigDict(json_schema_extra=INLINE_CREDENTIALS_RULE)

    portal_session_id: str | None = Field(default=None, max_length=100, description="an open portal session of yours")
    session_id: str | None = Field(default=None, max_length=100, deprecated=True, description=DEPRECATED_SESSION_ID)
    account_id: int | None = Field(default=None, ge=1, le=MAX_DB_ID,
                                   description="one of your stored E-Modal accounts")
    username: str | None = Field(default=None, max_length=150)
    password: str | None = Field(default=None, max_length=500, repr=False)
    captcha_api_key: str | None = Field(default=None, max_length=500, repr=False)
    store_account: bool = Field(default=False, description="store inline credentials as an account")
    label: str | None = Field(default=None, max_length=100)

    @model_validator(mode="before")
    @classmethod
    def _session_id_alias(cls, data: Any) -> Any:
        # Clients written against the original field name keep working: `session_id` fills `portal_session_id`.
        if isinstance(data, dict) and data.get("session_id") and not data.get("portal_session_id"):
            return {**data, "portal_session_id": data["session_id"]}
        return data


class ContainersRequest(PortalTargetRequest):
    """Read the container list, all of it or up to a count or a container."""

    target_count: int | None = Field(default=None, ge=1, le=100_000)
    until_container: str | None = Field(default=None, max_length=20)


class ContainerRequest(PortalTargetRequest):
    """One container by number."""

    container_number: str = Field(min_length=4, max_length=20)


class AppointmentRequestBody(PortalTargetRequest):
    """Wizard fields; send what you have, resume with `appointment_session_id` to add the rest.

    For a new request with a `container_number`, a blank `move_type` is derived from the timeline, a blank
    `terminal` from the container's locations and a blank `trucking_company` from the wizard's list.
    """

    appointment_session_id: str | None = Field(default=None, max_length=100)
    trade_type: str | None = Field(default=None, pattern="^(IMPORT|EXPORT)$")
    trucking_company: str | None = Field(default=None, max_length=200)
    terminal: str | None = Field(default=None, max_length=100)
    move_type: str | None = Field(default=None, pattern="^(PICK FULL|DROP FULL|PICK EMPTY|DROP EMPTY)$")
    container_number: str | None = Field(default=None, max_length=20)
    booking_number: str | None = Field(default=None, max_length=50)
    quantity: int | None = Field(default=None, ge=1, le=99)
    line: str | None = Field(default=None, max_length=20)
    equip_size: str | None = Field(default=None, max_length=20)
    pin: str | None = Field(default=None, max_length=50)
    truck_plate: str | None = Field(default=None, max_length=20)
    own_chassis: bool | None = None
    unit_number: str | None = Field(default=None, max_length=11)
    seals: list[str] | None = Field(default=None, max_length=4)

    def wizard_fields(self) -> WizardFields:
        """The wizard fields given, with `appointment_session_id` (number, terminal, move type checked: 422)."""
        given = self.model_dump(include=set(WizardFields.model_fields), exclude_none=True)
        if "seals" in given:
            given["seals"] = tuple(given["seals"])
        return WizardFields(**given)


class CheckAppointmentsRequest(AppointmentRequestBody):
    """Wizard fields, and how to narrow the slots offered (dates YYYY-MM-DD or MM/DD/YYYY, times HH:MM or 2pm)."""

    day: str = Field(default="", max_length=20, description="only slots on this day")
    day_from: str = Field(default="", max_length=20, description="only slots on or after this day")
    day_to: str = Field(default="", max_length=20, description="only slots on or before this day")
    starting_after: str = Field(default="", max_length=10, description="only windows starting at or after this time")
    starting_before: str = Field(default="", max_length=10, description="only windows starting before this time")

    def slot_filters(self) -> SlotFilters:
        """The narrowing asked for (checked by the service: 422 for a bad date or time)."""
        return SlotFilters(day=self.day, day_from=self.day_from, day_to=self.day_to,
                           starting_after=self.starting_after, starting_before=self.starting_before)


class MakeAppointmentRequest(AppointmentRequestBody):
    """Book a slot, by its text as listed in `available_times` (e.g. "Thursday 10/02/2025 07:00 - 12:00")."""

    slot: str = Field(min_length=1, max_length=200)


class PortalEnvelope(BaseModel):
    """What every portal answer starts with: the portal session it ran in."""

    success: bool = True
    portal_session_id: str
    session_id: str = Field(deprecated=True, description=DEPRECATED_SESSION_ID)
    is_new_session: bool

    @staticmethod
    def fields_of(result: PortalResult) -> dict[str, Any]:
        """The envelope's fields for a use case's result."""
        ref = result.portal_session
        return {"portal_session_id": ref.portal_session_id, "session_id": ref.portal_session_id,
                "is_new_session": ref.is_new_session}


class SessionOut(PortalEnvelope):
    """A logged-in portal session, opened or reused."""


class ContainersOut(PortalEnvelope):
    """The containers read, and an Excel file of them (`file_url`, also in `files`)."""

    count: int
    containers: list[ContainerRecord]
    file_url: str
    files: list[StoredFile]


class TimelineOut(ContainerTimeline, PortalEnvelope):
    """Milestones, pregate verdict and how it was decided, next move, and the screenshot (`screenshot_url`)."""

    screenshot_url: str


class SlotsOut(SlotCheck, PortalEnvelope):
    """Where the wizard stands, the request as made up (and what was derived), and the slots offered."""


class BookingOut(BookingOutcome, PortalEnvelope):
    """What the portal confirmed."""


class AppointmentsOut(PortalEnvelope):
    """Every visit in My Appointments, and an Excel file of them (`file_url`, also in `files`)."""

    count: int
    appointments: list[AppointmentRecord]
    file_url: str
    files: list[StoredFile]


class PortalSessionOut(BaseModel):
    """One of the caller's portal sessions (a browser logged into E-Modal)."""

    portal_session_id: str
    session_id: str = Field(deprecated=True, description=DEPRECATED_SESSION_ID)
    account_id: int | None
    status: str
    created_at: datetime
    last_used_at: datetime
    live_in_pool: bool | None = Field(default=None, description="whether its browser is open now (when looked up)")

    @classmethod
    def of(cls, row: PortalSessionRow, *, live_in_pool: bool | None = None) -> PortalSessionOut:
        """The view of a stored portal session."""
        return cls(portal_session_id=row.portal_session_id, session_id=row.portal_session_id,
                   account_id=row.account_id, status=row.status, created_at=row.created_at,
                   last_used_at=row.last_used_at, live_in_pool=live_in_pool)


class PortalSessionsClosedOut(BaseModel):
    """How many portal sessions of the active account were closed."""

    closed_portal_sessions: int
