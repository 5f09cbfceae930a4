"""The agent's tools: typed functions the model calls; they reach E-Modal only through the run's context."""

from langchain_core.tools import BaseTool

from Tools.appointments import book_appointment, check_appointments, list_my_appointments
from Tools.check import run_container_check
from Tools.containers import export_containers_excel, get_container, get_container_timeline, list_containers
from Tools.context import AgentContext, AuditSink, FileRef, FileSink, PortalAccess
from Tools.errors import (
    BookingDetailsError,
    InvalidArgumentError,
    NoPortalAccountError,
    RunCancelledError,
    ToolsError,
)
from Tools.files import DirectoryFileSink, ListAuditSink
from Tools.pool_access import PoolPortalAccess
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
CONFIRMED_TOOLS = frozenset({"book_appointment"})  # tools that pause for the dispatcher's approval

__all__ = [
    "CONFIRMED_TOOLS",
    "TOOLS",
    "AgentContext",
    "AuditSink",
    "BookingDetailsError",
    "DirectoryFileSink",
    "FileRef",
    "FileSink",
    "InvalidArgumentError",
    "ListAuditSink",
    "NoPortalAccountError",
    "PoolPortalAccess",
    "PortalAccess",
    "RunCancelledError",
    "ToolsError",
    "session_status",
]
