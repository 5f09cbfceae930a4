"""The operators' hourly job as one tool: every actionable container to its earliest slot, with a report."""

from __future__ import annotations

from typing import Annotated, Any

from langchain_core.tools import tool
from pydantic import Field

from portal_service import MAX_ROWS
from Tools.arguments import OptionalTruckPlateArg
from Tools.common import Runtime, context_of, for_model, service_of

TOOL_NAME = "run_container_check"


@tool(parse_docstring=True)
def run_container_check(runtime: Runtime, truck_plate: OptionalTruckPlateArg = "",
                        limit: Annotated[int, Field(ge=0, le=500)] = 0) -> dict[str, Any]:
    """Run the full check of all actionable containers (Holds NO, no pregate ticket) and write an Excel report.

    For each: read the timeline, derive move type and terminal, find the earliest appointment slot.

    Args:
        truck_plate: a registered truck plate used to reach the slot list (the wizard needs one); empty to skip slots.
        limit: check at most this many actionable containers (0 for all).
    """
    context = context_of(runtime)
    writer = runtime.stream_writer

    def progress(done: int, total: int, number: str) -> None:
        if writer is not None:
            writer({"progress": {"tool": TOOL_NAME, "done": done, "total": total, "container": number}})

    result = service_of(context).full_check(truck_plate=truck_plate, limit=limit, progress=progress,
                                            cancelled=context.cancel.is_set)
    data = for_model(result)
    data["rows"] = data["rows"][:MAX_ROWS]
    return data
