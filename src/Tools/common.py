"""Helpers shared by the tools: reaching the portal through the context, compact rows, Excel bytes."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, cast

from langgraph.prebuilt import ToolRuntime
from openpyxl import Workbook

from EModal import Container
from Tools.context import AgentContext, PortalAccess
from Tools.errors import NoPortalAccountError, RunCancelledError

MAX_ROWS = 15  # rows a tool hands to the model; the rest goes into a file
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def context_of(runtime: ToolRuntime) -> AgentContext:
    """The run's context, after checking the dispatcher has not stopped the run."""
    context = cast(AgentContext, runtime.context)
    if context.cancel.is_set():
        raise RunCancelledError()
    return context


def portal_of(context: AgentContext) -> PortalAccess:
    """The user's selected E-Modal account, or the error telling them to add one."""
    if context.portal is None:
        raise NoPortalAccountError()
    return context.portal


def lfd_of(container: Container) -> date | None:
    """The Last Free Day (first date of the LFD/GTD column)."""
    text = container.lfd_gtd.split("-")[0].strip() if container.lfd_gtd else ""
    try:
        return datetime.strptime(text, "%m/%d/%Y").date()
    except ValueError:
        return None


def container_row(container: Container) -> dict[str, str]:
    """The columns a dispatcher reads first."""
    return {
        "container": container.container_number,
        "trade": container.trade_type,
        "status": container.status,
        "holds": container.holds,
        "pregate_ticket": container.pregate_ticket,
        "origin": container.origin,
        "destination": container.destination,
        "current_loc": container.current_loc,
        "line": container.line,
        "size": container.size_type,
        "lfd_gtd": container.lfd_gtd,
    }


def xlsx_bytes(sheet_title: str, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    """A one-sheet workbook with a frozen header row."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = sheet_title[:31]
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def stamp() -> str:
    """A file-name timestamp."""
    return datetime.now().strftime("%Y%m%d-%H%M%S")
