"""The operators' hourly job as one tool: every actionable container to its earliest slot, with a report."""

from __future__ import annotations

from typing import Any

from langchain_core.tools import tool
from langgraph.prebuilt import ToolRuntime

from EModal import AppointmentRequest, Container, EModalError, PortalOperations
from EModal.records import TERMINAL_NAMES
from Tools.appointments import _company
from Tools.common import MAX_ROWS, XLSX, context_of, lfd_of, portal_of, stamp, xlsx_bytes
from Tools.context import PortalAccess
from Tools.errors import RunCancelledError
from Tools.rules import next_move, terminal_code_for, terminal_name

Runtime = ToolRuntime  # unparameterised: pydantic cannot build a schema for the context Protocols
REPORT_COLUMNS = ("Container #", "Trade Type", "Status", "LFD", "Passed Pregate", "Move Type", "Terminal",
                  "Earliest Slot", "Slots Offered", "Note")


def is_actionable(container: Container) -> bool:
    """Known, Holds NO and no pregate ticket yet."""
    return container.is_known and container.holds.upper() == "NO" and not container.has_pregate_ticket


def _check_one(ops: PortalOperations, portal: PortalAccess, container: Container, plate: str,
               company: str) -> dict[str, Any]:
    number = container.container_number
    lfd = lfd_of(container)
    row: dict[str, Any] = {"container": number, "trade": container.trade_type, "status": container.status,
                           "lfd": lfd.isoformat() if lfd else ""}
    timeline = ops.get_container_timeline(number)
    move = next_move(timeline.trade_type, timeline.passed_pregate)
    code = terminal_code_for(container, move)
    row.update(passed_pregate=timeline.passed_pregate, move_type=move, terminal=code, earliest_slot="",
               slots_offered=0, note="")
    if code not in TERMINAL_NAMES:
        row["note"] = f"{code or 'no location'} is not a wizard terminal"
        return row
    if not plate:
        row["note"] = "no truck plate given: slots not looked up"
        return row
    extra: dict[str, Any] = {"container_number": number}
    if container.trade_type.upper() == "EXPORT":
        extra = {"booking_number": ops.get_booking_number(number), "quantity": 1, "unit_number": number}
    request = AppointmentRequest(trucking_company=company, terminal=code, move_type=move, truck_plate=plate,
                                 own_chassis=False, **extra)
    slots = ops.check_appointments(request).available_times
    row["slots_offered"] = len(slots)
    row["earliest_slot"] = slots[0].text if slots else ""
    row["note"] = "" if slots else "No Appointments Available"
    return row


@tool(parse_docstring=True)
def run_container_check(runtime: Runtime, truck_plate: str = "", limit: int = 0) -> dict[str, Any]:
    """Run the full check of all actionable containers (Holds NO, no pregate ticket) and write an Excel report.

    For each: read the timeline, derive move type and terminal, find the earliest appointment slot.

    Args:
        truck_plate: a registered truck plate used to reach the slot list (the wizard needs one); empty to skip slots.
        limit: check at most this many actionable containers (0 for all).
    """
    context = context_of(runtime)
    portal = portal_of(context)
    plate = truck_plate.strip().upper()
    rows: list[dict[str, Any]] = []
    stopped = False
    with portal.session() as ops:
        containers = ops.get_containers()
        actionable = [c for c in containers if is_actionable(c)]
        todo = actionable[:limit] if limit > 0 else actionable
        company = _company(portal, ops) if plate and todo else ""
        for index, container in enumerate(todo, start=1):
            if context.cancel.is_set():
                stopped = True
                break
            try:
                rows.append(_check_one(ops, portal, container, plate, company))
            except EModalError as exc:
                rows.append({"container": container.container_number, "trade": container.trade_type,
                             "status": container.status, "note": str(exc)})
            _progress(runtime, index, len(todo), container.container_number)
    report = [[r.get("container", ""), r.get("trade", ""), r.get("status", ""), r.get("lfd", ""),
               _yes_no(r.get("passed_pregate")), r.get("move_type", ""),
               r.get("terminal", ""), r.get("earliest_slot", ""), r.get("slots_offered", ""), r.get("note", "")]
              for r in rows]
    ref = context.files.save("report", f"container-check-{stamp()}.xlsx", XLSX,
                             xlsx_bytes("container check", REPORT_COLUMNS, report))
    with_slots = [r for r in rows if r.get("earliest_slot")]
    with_slots.sort(key=lambda r: r.get("lfd") or "9999")
    shown = with_slots[:MAX_ROWS] or rows[:MAX_ROWS]
    for r in shown:
        r["terminal_name"] = terminal_name(r.get("terminal", ""))
    if stopped and not rows:
        raise RunCancelledError()
    return {
        "total_containers": len(containers),
        "actionable": len(actionable),
        "checked": len(rows),
        "with_slots": len(with_slots),
        "stopped_early": stopped,
        "rows": shown,
        "files": [ref.as_dict()],
    }


def _yes_no(value: Any) -> str:
    return "" if value is None else ("YES" if value else "NO")


def _progress(runtime: ToolRuntime, done: int, total: int, number: str) -> None:
    writer = runtime.stream_writer
    if writer is not None:
        writer({"progress": {"tool": "run_container_check", "done": done, "total": total, "container": number}})


