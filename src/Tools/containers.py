"""Tools that read the containers list: filter, one container, its timeline, the Excel export."""

from __future__ import annotations

from datetime import date
from typing import Any

from langchain_core.tools import tool
from langgraph.prebuilt import ToolRuntime

from EModal import CONTAINER_COLUMNS, Container, normalize_container_number
from Tools.common import MAX_ROWS, XLSX, container_row, context_of, lfd_of, portal_of, stamp, xlsx_bytes
from Tools.errors import InvalidArgumentError
from Tools.rules import next_move, terminal_code

Runtime = ToolRuntime  # unparameterised: pydantic cannot build a schema for the context Protocols


def _iso(text: str, name: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidArgumentError(f"{name} must be a date as YYYY-MM-DD, not {text!r}") from None


def _matches(c: Container, filters: dict[str, Any]) -> bool:
    if not c.is_known:
        return False
    if filters["status"] and c.status.upper() != filters["status"]:
        return False
    if filters["trade_type"] and c.trade_type.upper() != filters["trade_type"]:
        return False
    if filters["holds"] and c.holds.upper() != filters["holds"]:
        return False
    places = {c.origin.upper(), c.destination.upper(), c.current_loc.upper()}
    if filters["terminal"] and filters["terminal"] not in places:
        return False
    if filters["line"] and c.line.upper() != filters["line"]:
        return False
    if filters["without_pregate_ticket"] and c.has_pregate_ticket:
        return False
    lfd = lfd_of(c)
    if (filters["lfd_from"] or filters["lfd_to"]) and lfd is None:
        return False
    if filters["lfd_from"] and lfd is not None and lfd < filters["lfd_from"]:
        return False
    return not (filters["lfd_to"] and lfd is not None and lfd > filters["lfd_to"])


@tool(parse_docstring=True)
def list_containers(
    runtime: Runtime,
    status: str = "",
    trade_type: str = "",
    holds: str = "",
    terminal: str = "",
    line: str = "",
    lfd_from: str = "",
    lfd_to: str = "",
    without_pregate_ticket: bool = False,
) -> dict[str, Any]:
    """List the dispatcher's containers in E-Modal, optionally filtered.

    Gives counts, the first rows and, for many matches, an Excel file of all of them.

    Args:
        status: ON VESSEL, IN YARD, GATE IN or GATE OUT; empty for any.
        trade_type: IMPORT or EXPORT; empty for any.
        holds: YES (has holds) or NO (released); empty for any.
        terminal: terminal code (ITS, TTI, TRP1, ETSLAX, PCT, BNLPC) or name; matches Origin, Destination, Current Loc.
        line: steamship line code such as MSCU, HDMU, CMDU, ONEY, YMJA, EGLV.
        lfd_from: only containers whose Last Free Day is on or after this date (YYYY-MM-DD).
        lfd_to: only containers whose Last Free Day is on or before this date (YYYY-MM-DD).
        without_pregate_ticket: true to keep only containers that have no pregate ticket yet.
    """
    context = context_of(runtime)
    code = terminal_code(terminal) or terminal.strip().upper()
    filters: dict[str, Any] = {
        "status": status.strip().upper(),
        "trade_type": trade_type.strip().upper(),
        "holds": holds.strip().upper(),
        "terminal": code,
        "line": line.strip().upper(),
        "lfd_from": _iso(lfd_from, "lfd_from"),
        "lfd_to": _iso(lfd_to, "lfd_to"),
        "without_pregate_ticket": without_pregate_ticket,
    }
    with portal_of(context).session() as ops:
        containers = ops.get_containers()
    matched = [c for c in containers if _matches(c, filters)]
    matched.sort(key=lambda c: (lfd_of(c) or date.max, c.container_number))
    result: dict[str, Any] = {
        "total_containers": len(containers),
        "matched": len(matched),
        "filters": {k: (v.isoformat() if isinstance(v, date) else v) for k, v in filters.items() if v},
        "rows": [container_row(c) for c in matched[:MAX_ROWS]],
    }
    if len(matched) > MAX_ROWS:
        content = xlsx_bytes("containers", CONTAINER_COLUMNS, [c.as_row() for c in matched])
        ref = context.files.save("containers", f"containers-filtered-{stamp()}.xlsx", XLSX, content)
        result["files"] = [ref.as_dict()]
    return result


@tool(parse_docstring=True)
def get_container(runtime: Runtime, container_number: str) -> dict[str, Any]:
    """Show one container's row in E-Modal: trade type, status, holds, pregate ticket and status, locations, line, LFD.

    Args:
        container_number: the 11-character ISO 6346 container number, e.g. MSCU5165756.
    """
    context = context_of(runtime)
    number = normalize_container_number(container_number)
    with portal_of(context).session() as ops:
        container = ops.get_container(number)
    if not container.is_known:
        return {"container": number, "known": False, "note": "E-Modal does not know this container (N/A everywhere)."}
    row: dict[str, Any] = dict(container_row(container))
    row.update({
        "known": True,
        "emodal_pregate_status": container.emodal_pregate_status,
        "gate_status": container.gate_status,
        "vessel": f"{container.vessel_name} {container.voyage}".strip(),
        "fees": container.fees,
        "tags": container.tags,
        "has_pregate_ticket": container.has_pregate_ticket,
    })
    return row


@tool(parse_docstring=True)
def get_container_timeline(runtime: Runtime, container_number: str) -> dict[str, Any]:
    """Read a container's timeline (milestones), whether it passed Pregate, the next move type, and a screenshot link.

    Args:
        container_number: the 11-character ISO 6346 container number, e.g. MSDU5772413.
    """
    context = context_of(runtime)
    number = normalize_container_number(container_number)
    with portal_of(context).session() as ops:
        timeline = ops.get_container_timeline(number)
    result: dict[str, Any] = {
        "container": number,
        "trade_type": timeline.trade_type,
        "passed_pregate": timeline.passed_pregate,
        "decided_by": timeline.detection_method,
        "next_move": next_move(timeline.trade_type, timeline.passed_pregate),
        "milestones": [{"name": m.name, "date": m.date, "reached": m.reached} for m in timeline.milestones],
    }
    if timeline.screenshot_png:
        ref = context.files.save("screenshot", f"timeline-{number}.png", "image/png", timeline.screenshot_png)
        result["files"] = [ref.as_dict()]
    return result


@tool(parse_docstring=True)
def export_containers_excel(runtime: Runtime) -> dict[str, Any]:
    """Export every container of the account to an Excel file (the portal's 18 columns) and give its link.

    Args:
        runtime: injected, not given by the model.
    """
    context = context_of(runtime)
    with portal_of(context).session() as ops:
        containers = ops.get_containers()
    content = xlsx_bytes("containers", CONTAINER_COLUMNS, [c.as_row() for c in containers])
    ref = context.files.save("export", f"containers-{stamp()}.xlsx", XLSX, content)
    return {"rows": len(containers), "files": [ref.as_dict()]}
