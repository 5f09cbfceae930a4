"""Making up the appointment wizard's request as operators do: move type, terminal and company derived."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, field_validator

import domain
from EModal import AppointmentRequest, PortalOperations
from portal_service import inputs
from portal_service.errors import BookingDetailsError


class WizardFields(BaseModel):
    """The wizard's fields as given (number, terminal and move type checked); blanks derived or asked for."""

    trade_type: str = ""
    trucking_company: str = ""
    terminal: str = ""
    move_type: str = ""
    container_number: str = ""
    booking_number: str = ""
    quantity: int | None = None
    line: str = ""
    equip_size: str = ""
    pin: str = ""
    truck_plate: str = ""
    own_chassis: bool | None = None
    unit_number: str = ""
    seals: tuple[str, ...] = ()
    # Resuming a wizard in progress: the given fields are added to it, nothing is derived.
    appointment_session_id: str = Field(default="", exclude=True)

    @field_validator("container_number")
    @classmethod
    def _number(cls, value: str) -> str:
        return inputs.container_number(value) if value.strip() else ""

    @field_validator("terminal")
    @classmethod
    def _terminal(cls, value: str) -> str:
        return inputs.terminal(value)

    @field_validator("move_type")
    @classmethod
    def _move(cls, value: str) -> str:
        return inputs.move_type(value)

    @field_validator("truck_plate")
    @classmethod
    def _plate(cls, value: str) -> str:
        return value.strip().upper()

    def given(self) -> dict[str, Any]:
        """The non-blank fields (what a wizard resume adds)."""
        return {k: v for k, v in self.model_dump().items() if v not in (None, "", ())}


def first_company(ops: PortalOperations) -> str:
    """The first company the wizard's Trucking list offers this account."""
    companies = ops.get_trucking_companies()
    if not companies:
        raise BookingDetailsError("The appointment wizard offers no trucking company for this account.")
    return companies[0]


def _derive_move_and_terminal(ops: PortalOperations, number: str, given: dict[str, Any]) -> list[str]:
    derived = []
    if not given.get("move_type"):
        timeline = ops.get_container_timeline(number)
        given["move_type"] = domain.next_move(timeline.trade_type, timeline.passed_pregate)
        derived.append("move_type")
    if not given.get("terminal"):
        container = ops.get_container(number)
        code = domain.terminal_code_for(move_type=given["move_type"], origin=container.origin,
                                        destination=container.destination, current_loc=container.current_loc)
        if code not in domain.TERMINAL_NAMES:
            raise BookingDetailsError(f"{number} is at {code or 'an unknown place'}, which is not a terminal of the "
                                      "appointment wizard; give the terminal explicitly.")
        given["terminal"] = code
        derived.append("terminal")
    return derived


def prepare_request(ops: PortalOperations, fields: WizardFields,
                    trucking_company: str = "") -> tuple[AppointmentRequest, list[str]]:
    """The wizard request for the fields; for a container, blanks filled as operators do (and which were)."""
    given = fields.given()
    number = str(given.get("container_number", ""))
    derived = _derive_move_and_terminal(ops, number, given) if number else []
    if number and given.get("move_type") in domain.EXPORT_MOVES and not given.get("booking_number"):
        # Export moves book against the booking, with the container as the unit.
        given.update(booking_number=ops.get_booking_number(number), quantity=given.get("quantity") or 1,
                     unit_number=given.get("unit_number") or number)
        given.pop("container_number")
    if not given.get("trucking_company"):
        given["trucking_company"] = trucking_company or first_company(ops)
        if not trucking_company:
            derived.append("trucking_company")
    return AppointmentRequest(**given), derived
