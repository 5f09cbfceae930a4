"""Tools for appointments: slots for a container, booking one (after the dispatcher approves), My Appointments."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from langchain_core.messages import BaseMessage, ToolMessage
from langchain_core.tools import tool
from langgraph.prebuilt import ToolRuntime
from langgraph.types import interrupt

from EModal import AppointmentRequest, AppointmentSlot, PortalOperations, normalize_container_number
from EModal.records import TERMINAL_NAMES
from Tools.common import MAX_ROWS, XLSX, context_of, portal_of, stamp, xlsx_bytes
from Tools.context import AgentContext, PortalAccess
from Tools.errors import BookingDetailsError, InvalidArgumentError
from Tools.rules import next_move, normalize_move_type, terminal_code, terminal_code_for, terminal_name
from Tools.slots import filter_slots, parse_clock, pick_slot, slot_from_text

Runtime = ToolRuntime  # unparameterised: pydantic cannot build a schema for the context Protocols
CHECK_TOOL = "check_appointments"


def _day(text: str) -> date | None:
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%m/%d/%Y"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise InvalidArgumentError(f"day must be YYYY-MM-DD or MM/DD/YYYY, not {text!r}")


def _company(portal: PortalAccess, ops: PortalOperations) -> str:
    if portal.trucking_company:
        return portal.trucking_company
    companies = ops.get_trucking_companies()
    if not companies:
        raise BookingDetailsError("The appointment wizard offers no trucking company for this account.")
    return companies[0]


def prepare_request(ops: PortalOperations, portal: PortalAccess, number: str, terminal: str, move_type: str,
                    truck_plate: str, own_chassis: bool) -> tuple[AppointmentRequest, list[str]]:
    """The wizard request for a container, deriving move type, terminal and company as operators do."""
    derived: list[str] = []
    container = ops.get_container(number)
    move = normalize_move_type(move_type)
    if move_type and not move:
        raise InvalidArgumentError(
            f"move_type must be PICK FULL, DROP FULL, PICK EMPTY or DROP EMPTY, not {move_type!r}"
        )
    if not move:
        timeline = ops.get_container_timeline(number)
        move = next_move(timeline.trade_type, timeline.passed_pregate)
        derived.append("move_type")
    code = terminal_code(terminal) if terminal else terminal_code_for(container, move)
    if terminal and not code:
        raise InvalidArgumentError(f"Unknown terminal {terminal!r}; known: " + ", ".join(TERMINAL_NAMES))
    if not terminal:
        derived.append("terminal")
    if code not in TERMINAL_NAMES:
        raise BookingDetailsError(f"{number} is at {code or 'an unknown place'}, which is not a terminal of the "
                                  "appointment wizard; give the terminal explicitly.")
    extra: dict[str, Any] = {}
    if container.trade_type.upper() == "EXPORT":
        extra = {"booking_number": ops.get_booking_number(number), "quantity": 1, "unit_number": number}
    else:
        extra = {"container_number": number}
    request = AppointmentRequest(trucking_company=_company(portal, ops), terminal=code, move_type=move,
                                 truck_plate=truck_plate.strip().upper(), own_chassis=own_chassis, **extra)
    if not portal.trucking_company:
        derived.append("trucking_company")
    return request, derived


@tool(parse_docstring=True)
def check_appointments(
    runtime: Runtime,
    container_number: str,
    truck_plate: str,
    terminal: str = "",
    move_type: str = "",
    own_chassis: bool = False,
    day: str = "",
    starting_before: str = "",
) -> dict[str, Any]:
    """Find open appointment slots for a container; move type and terminal are derived from the timeline when not given.

    Args:
        container_number: the 11-character ISO 6346 container number.
        truck_plate: the truck's plate as registered with the company (the wizard needs it), e.g. 7KRT481.
        terminal: terminal code or name; empty to derive it (PICK uses Destination, DROP uses Origin).
        move_type: PICK FULL, DROP FULL, PICK EMPTY or DROP EMPTY; empty to derive it from the timeline.
        own_chassis: true when the truck brings its own chassis.
        day: only slots on this day (YYYY-MM-DD); empty for all days.
        starting_before: only slots starting before this time (HH:MM), e.g. 12:00 for the morning.
    """
    context = context_of(runtime)
    number = normalize_container_number(container_number)
    if not truck_plate.strip():
        raise BookingDetailsError("The appointment wizard needs a truck plate: say which truck, e.g. 'truck 7KRT481'.")
    wanted_day = _day(day)
    before = parse_clock(starting_before) if starting_before else ""
    portal = portal_of(context)
    with portal.session() as ops:
        request, derived = prepare_request(ops, portal, number, terminal, move_type, truck_plate, own_chassis)
        session = ops.check_appointments(request)
    offered = session.available_times
    kept = filter_slots(offered, day=wanted_day, starting_before=before)
    return {
        "container": number,
        "trade_type": request.trade_type,
        "terminal": request.terminal,
        "terminal_name": terminal_name(request.terminal),
        "move_type": request.move_type,
        "trucking_company": request.trucking_company,
        "truck_plate": request.truck_plate,
        "own_chassis": bool(request.own_chassis),
        "derived": derived,
        "filters": {"day": wanted_day.isoformat() if wanted_day else "", "starting_before": before},
        "offered_count": len(offered),
        "slot_count": len(kept),
        "slots": [s.text for s in kept[:MAX_ROWS]],
    }


def latest_check(messages: list[BaseMessage], number: str) -> dict[str, Any] | None:
    """The most recent successful check_appointments result for that container in the thread."""
    for message in reversed(messages):
        if isinstance(message, ToolMessage) and message.name == CHECK_TOOL and message.status != "error":
            try:
                result = json.loads(str(message.content))
            except ValueError:
                continue
            if isinstance(result, dict) and result.get("container") == number:
                return result
    return None


def _decision(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("decision", "")
    return "approve" if str(value).strip().lower() in ("approve", "approved", "yes", "y", "ok", "confirm") else "reject"


@tool(parse_docstring=True)
def book_appointment(
    runtime: Runtime,
    container_number: str,
    slot: str,
    truck_plate: str = "",
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
    number = normalize_container_number(container_number)
    state = runtime.state
    messages = state.get("messages", []) if isinstance(state, dict) else getattr(state, "messages", [])
    check = latest_check(list(messages), number)
    if check is None:
        raise BookingDetailsError(
            f"No slots were checked for {number} in this conversation: call check_appointments first."
        )
    offered = [slot_from_text(text) for text in check["slots"]]
    chosen = pick_slot(slot, offered)
    if chosen is None:
        raise BookingDetailsError(f"No offered slot matches {slot!r}; offered: " + "; ".join(check["slots"][:5]))
    plan = _plan(check, chosen, truck_plate, own_chassis)
    decision = _decision(interrupt({"action": "book_appointment", **plan}))
    _audit(context, "booking_" + ("approved" if decision == "approve" else "rejected"), plan)
    if decision != "approve":
        return {"booked": False, "rejected_by_dispatcher": True, **plan}
    request = AppointmentRequest(
        trucking_company=check["trucking_company"], terminal=plan["terminal"], move_type=plan["move_type"],
        container_number=number if check["trade_type"] != "EXPORT" else "", truck_plate=plan["truck_plate"],
        own_chassis=plan["own_chassis"],
    )
    with portal_of(context).session() as ops:
        if check["trade_type"] == "EXPORT":
            request = request.merged(booking_number=ops.get_booking_number(number), quantity=1, unit_number=number)
        result = ops.make_appointment(request, slot=chosen.text)
    _audit(context, "booking_submitted", {**plan, "appointment_number": result.appointment_number})
    return {"booked": True, "appointment_number": result.appointment_number,
            "seen_in_my_appointments": result.seen_in_my_appointments, **plan}


def _plan(check: dict[str, Any], chosen: AppointmentSlot, truck_plate: str, own_chassis: bool | None) -> dict[str, Any]:
    return {
        "container": check["container"],
        "terminal": check["terminal"],
        "terminal_name": check["terminal_name"],
        "move_type": check["move_type"],
        "slot": chosen.text,
        "truck_plate": (truck_plate.strip().upper() or check["truck_plate"]),
        "own_chassis": check["own_chassis"] if own_chassis is None else own_chassis,
        "trucking_company": check["trucking_company"],
    }


def _audit(context: AgentContext, action: str, detail: dict[str, Any]) -> None:
    context.audit.record(action, user_id=context.user_id, thread_id=context.thread_id, **detail)


@tool(parse_docstring=True)
def list_my_appointments(runtime: Runtime, container_number: str = "", status: str = "") -> dict[str, Any]:
    """List the booked visits in My Appointments (newest first), optionally for one container or status.

    Args:
        container_number: only appointments of this container; empty for all.
        status: only appointments with this status (SCHEDULED, COMPLETED, CANCELLED); empty for all.
    """
    context = context_of(runtime)
    number = normalize_container_number(container_number) if container_number else ""
    with portal_of(context).session() as ops:
        appointments = ops.get_appointments()
    kept = [a for a in appointments
            if (not number or number in a.get("Container/Booking #", " ".join(a.columns.values())))
            and (not status or a.get("Status").upper() == status.strip().upper())]
    rows = [dict(a.columns) for a in kept]
    result: dict[str, Any] = {"total": len(appointments), "matched": len(kept), "rows": rows[:MAX_ROWS]}
    if len(kept) > MAX_ROWS:
        header = list(rows[0])
        content = xlsx_bytes("appointments", header, [[r.get(h, "") for h in header] for r in rows])
        ref = context.files.save("appointments", f"appointments-{stamp()}.xlsx", XLSX, content)
        result["files"] = [ref.as_dict()]
    return result
