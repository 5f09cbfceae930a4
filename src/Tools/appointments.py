"""Tools for appointments: slots for a container, booking one (after the dispatcher approves), My Appointments."""

from __future__ import annotations

import json
from typing import Any

from langchain_core.messages import BaseMessage, ToolMessage
from langchain_core.tools import tool
from langgraph.types import interrupt

from EModal import AppointmentSlot, EModalError
from portal_service import (
    MAX_ROWS,
    AlreadyBookedError,
    AppointmentFilters,
    PortalServiceError,
    RunCancelledError,
    SlotEndedError,
    SlotFilters,
    WizardFields,
    has_ended,
    pick_slot,
)
from Tools.arguments import (
    ContainerNumberArg,
    OptionalContainerNumberArg,
    OptionalTruckPlateArg,
    ShortTextArg,
    SlotTextArg,
)
from Tools.common import Runtime, context_of, for_model, service_of
from Tools.context import ToolContext
from Tools.errors import BookingDetailsError

CHECK_TOOL = "check_appointments"
BOOK_TOOL = "book_appointment"
APPROVALS = ("approve", "approved", "yes", "y", "ok", "confirm")
REJECTED_KEY = "rejected_by_dispatcher"  # in a book_appointment result: the dispatcher said no (or moved on)
APPROVED_BUT_FAILED = "Approved by the dispatcher, then: "  # starts the error of an approved booking that failed


@tool(parse_docstring=True)
def check_appointments(
    runtime: Runtime,
    container_number: ContainerNumberArg,
    truck_plate: OptionalTruckPlateArg,
    terminal: ShortTextArg = "",
    move_type: ShortTextArg = "",
    own_chassis: bool = False,
    day: ShortTextArg = "",
    day_from: ShortTextArg = "",
    day_to: ShortTextArg = "",
    starting_after: ShortTextArg = "",
    starting_before: ShortTextArg = "",
) -> dict[str, Any]:
    """Find open appointment slots for a container; move type and terminal are derived from the timeline when not given.

    Narrow the slots to the dispatcher's words with the day and time fields (dates as YYYY-MM-DD, times as HH:MM
    in the terminal's local time): "tomorrow" is day; "next 3 days" or "this week" is day_from and day_to;
    "morning" is starting_before 12:00, "afternoon" starting_after 12:00 and starting_before 17:00,
    "evening" starting_after 17:00, "after 2pm Thursday" is day plus starting_after 14:00.

    Args:
        container_number: the 11-character ISO 6346 container number.
        truck_plate: the truck's plate as registered with the company (the wizard needs it), e.g. 7KRT481.
        terminal: terminal code or name; empty to derive it (PICK uses Destination, DROP uses Origin).
        move_type: PICK FULL, DROP FULL, PICK EMPTY or DROP EMPTY; empty to derive it from the timeline.
        own_chassis: true when the truck brings its own chassis.
        day: only slots on this one day (YYYY-MM-DD); empty for any day. Use day_from/day_to for a range instead.
        day_from: only slots on or after this day (YYYY-MM-DD); empty for no first day.
        day_to: only slots on or before this day (YYYY-MM-DD); empty for no last day.
        starting_after: only windows starting at or after this time (HH:MM), e.g. 14:00 for "after 2pm".
        starting_before: only windows starting before this time (HH:MM), e.g. 12:00 for the morning.
    """
    context = context_of(runtime)
    fields = WizardFields(container_number=container_number, truck_plate=truck_plate, terminal=terminal,
                          move_type=move_type, own_chassis=own_chassis)
    if not fields.truck_plate:
        raise BookingDetailsError("The appointment wizard needs a truck plate: say which truck, e.g. 'truck 7KRT481'.")
    filters = SlotFilters(day=day, day_from=day_from, day_to=day_to, starting_after=starting_after,
                          starting_before=starting_before)
    result = service_of(context).check_slots(fields=fields, filters=filters)
    data = for_model(result, exclude=frozenset({"available_times", "appointment_session_id", "current_phase",
                                                "expires_in_seconds"}))
    data["slots"] = data["slots"][:MAX_ROWS]
    return data


def latest_check(messages: list[BaseMessage], number: str) -> dict[str, Any] | None:
    """The most recent successful check_appointments result for that container in the thread."""
    for message in reversed(messages):
        if isinstance(message, ToolMessage) and message.name == CHECK_TOOL and message.status != "error":
            try:
                result = json.loads(str(message.content))
            except ValueError:
                continue
            if isinstance(result, dict) and result.get("container_number") == number:
                return result
    return None


def _decision(value: Any) -> tuple[str, str]:
    """("approve" or "reject", what the dispatcher typed: "" for a button press) of a resume value."""
    said = ""
    if isinstance(value, dict):
        said = str(value.get("said", ""))
        value = value.get("decision", "")
    return ("approve" if str(value).strip().lower() in APPROVALS else "reject"), said


def _plan(check: dict[str, Any], chosen: AppointmentSlot, truck_plate: str, own_chassis: bool | None) -> dict[str, Any]:
    return {
        "container": check["container_number"],
        "terminal": check["terminal"],
        "terminal_name": check["terminal_name"],
        "move_type": check["move_type"],
        "slot": chosen.text,
        "truck_plate": (truck_plate.strip().upper() or check["truck_plate"]),
        "own_chassis": check["own_chassis"] if own_chassis is None else own_chassis,
        "trucking_company": check["trucking_company"],
    }


@tool(parse_docstring=True)
def book_appointment(
    runtime: Runtime,
    container_number: ContainerNumberArg,
    slot: SlotTextArg,
    truck_plate: OptionalTruckPlateArg = "",
    own_chassis: bool | None = None,
) -> dict[str, Any]:
    """Book an appointment slot for a container; the dispatcher must approve first. Call check_appointments before.

    Args:
        container_number: the container to book for, as checked with check_appointments.
        slot: the slot text as offered (e.g. "Thursday 10/02/2025 07:00 - 12:00"), "first", or a start like 8:00.
        truck_plate: the truck's plate; empty to keep the one used for check_appointments.
        own_chassis: true or false; empty to keep the choice used for check_appointments.
    """
    context = context_of(runtime)
    number = WizardFields(container_number=container_number).container_number
    state = runtime.state
    messages = state.get("messages", []) if isinstance(state, dict) else getattr(state, "messages", [])
    check = latest_check(list(messages), number)
    if check is None:
        raise BookingDetailsError(
            f"No slots were checked for {number} in this conversation: call check_appointments first."
        )
    if check.get("already_booked"):
        raise AlreadyBookedError(str(check.get("note") or f"{number} already has an appointment for that move."))
    chosen = pick_slot(slot, [AppointmentSlot.parse(text) for text in check["slots"]])
    if chosen is None:
        raise BookingDetailsError(f"No offered slot matches {slot!r}; offered: " + "; ".join(check["slots"][:5]))
    if has_ended(chosen, context.terminal_now()):
        raise SlotEndedError(f"The window {chosen.text} has already ended at the terminal: check the slots again "
                             "for one still open.")
    plan = _plan(check, chosen, truck_plate, own_chassis)
    decision, said = _decision(interrupt({"action": BOOK_TOOL, **plan}))
    context.audit.record("booking_" + ("approved" if decision == "approve" else "rejected"), **plan)
    if decision != "approve":
        return {"booked": False, REJECTED_KEY: True, "dispatcher_said": said, **plan}
    return {**_book_approved(context, plan), "dispatcher_said": said}


def _book_approved(context: ToolContext, plan: dict[str, Any]) -> dict[str, Any]:
    """Submit the approved booking; a failure says it was approved (the thread's history shows the decision)."""
    fields = WizardFields(container_number=plan["container"], terminal=plan["terminal"], move_type=plan["move_type"],
                          trucking_company=plan["trucking_company"], truck_plate=plan["truck_plate"],
                          own_chassis=plan["own_chassis"])
    try:
        result = service_of(context).book(fields=fields, slot=plan["slot"])
    except RunCancelledError:
        raise
    except (PortalServiceError, EModalError) as exc:
        raise PortalServiceError(f"{APPROVED_BUT_FAILED}{exc}", code=getattr(exc, "code", "booking_failed")) from exc
    return {"booked": True, "appointment_number": result.appointment_number,
            "seen_in_my_appointments": result.seen_in_my_appointments, **plan}


@tool(parse_docstring=True)
def list_my_appointments(runtime: Runtime, container_number: OptionalContainerNumberArg = "",
                         status: ShortTextArg = "") -> dict[str, Any]:
    """List the booked visits in My Appointments (newest first), optionally for one container or status.

    Args:
        container_number: only appointments of this container; empty for all.
        status: only appointments with this status (SCHEDULED, COMPLETED, CANCELLED); empty for all.
    """
    service = service_of(context_of(runtime))
    filters = AppointmentFilters.from_text(container_number=container_number, status=status)
    result = service.my_appointments(filters=filters, row_limit=MAX_ROWS)
    data = for_model(result, exclude=frozenset({"appointments"}))
    data["rows"] = [a.model_dump(mode="json") for a in result.appointments]
    return data
