"""Tools that read the containers list: filter, one container, its timeline, the Excel export."""

from __future__ import annotations

from typing import Any

from langchain_core.tools import tool

from portal_service import MAX_ROWS, ContainerFilters, ContainerSummary
from Tools.arguments import ContainerNumberArg, ShortTextArg
from Tools.common import Runtime, context_of, for_model, service_of


@tool(parse_docstring=True)
def list_containers(
    runtime: Runtime,
    status: ShortTextArg = "",
    trade_type: ShortTextArg = "",
    holds: ShortTextArg = "",
    terminal: ShortTextArg = "",
    line: ShortTextArg = "",
    lfd_from: ShortTextArg = "",
    lfd_to: ShortTextArg = "",
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
    service = service_of(context_of(runtime))
    filters = ContainerFilters.from_text(status=status, trade_type=trade_type, holds=holds, terminal=terminal,
                                         line=line, lfd_from=lfd_from, lfd_to=lfd_to,
                                         without_pregate_ticket=without_pregate_ticket)
    result = service.list_containers(filters=filters, row_limit=MAX_ROWS)
    data = for_model(result, exclude=frozenset({"containers"}))
    # The model is shown the columns a dispatcher reads first; the file has all 18.
    data["rows"] = [for_model(ContainerSummary.of(c)) for c in result.containers]
    return data


@tool(parse_docstring=True)
def get_container(runtime: Runtime, container_number: ContainerNumberArg) -> dict[str, Any]:
    """Show one container's row in E-Modal: trade type, status, holds, pregate ticket and status, locations, line, LFD.

    Args:
        container_number: the 11-character ISO 6346 container number, e.g. MSCU5165756.
    """
    result = service_of(context_of(runtime)).get_container(container_number=container_number)
    if result.container is None:
        return {"container_number": result.container_number, "known": False,
                "note": "E-Modal does not know this container (N/A everywhere)."}
    record = result.container
    return {
        **for_model(ContainerSummary.of(record)),
        "known": True,
        "emodal_pregate_status": record.emodal_pregate_status,
        "gate_status": record.gate_status,
        "vessel": f"{record.vessel_name} {record.voyage}".strip(),
        "fees": record.fees,
        "tags": record.tags,
        "has_pregate_ticket": record.pregate_ticket not in ("", "N/A"),
    }


@tool(parse_docstring=True)
def get_container_timeline(runtime: Runtime, container_number: ContainerNumberArg) -> dict[str, Any]:
    """Read a container's timeline (milestones), whether it passed Pregate, the next move type, and a screenshot link.

    Args:
        container_number: the 11-character ISO 6346 container number, e.g. MSDU5772413.
    """
    return for_model(service_of(context_of(runtime)).container_timeline(container_number=container_number))


@tool(parse_docstring=True)
def export_containers_excel(runtime: Runtime) -> dict[str, Any]:
    """Export every container of the account to an Excel file (the portal's 18 columns) and give its link.

    Args:
        runtime: injected, not given by the model.
    """
    return for_model(service_of(context_of(runtime)).export_containers())
