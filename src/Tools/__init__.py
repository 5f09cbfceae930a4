"""The agent's tools: typed functions the model calls, thin over the portal use cases (`portal_service`)."""

from langchain_core.tools import BaseTool

from Tools.appointments import (
    APPROVED_BUT_FAILED,
    BOOK_TOOL,
    REJECTED_KEY,
    book_appointment,
    check_appointments,
    list_my_appointments,
)
from Tools.check import run_container_check
from Tools.containers import export_containers_excel, get_container, get_container_timeline, list_containers
from Tools.context import ToolContext
from Tools.errors import (
    BookingDetailsError,
    InvalidArgumentError,
    NoPortalAccountError,
    RunCancelledError,
    ToolsError,
)
from Tools.session import session_status

TOOLS: list[BaseTool] = [
    list_containers,
    get_container,
    get_container_timeline,
    check_appointments,
    book_appointment,
    list_my_appointments,
    export_containers_excel,
    run_container_check,
    session_status,
]

__all__ = [
    "APPROVED_BUT_FAILED",
    "BOOK_TOOL",
    "REJECTED_KEY",
    "TOOLS",
    "BookingDetailsError",
    "InvalidArgumentError",
    "NoPortalAccountError",
    "RunCancelledError",
    "ToolContext",
    "ToolsError",
    "session_status",
]
