"""The portal use cases behind both front doors (the agent's tools and the business API), with typed results."""

from portal_service.access import AccountPortalAccess, PortalAccess, PortalSessionIdAccess
from portal_service.appointments import AppointmentFilters
from portal_service.audit import AuditTrail
from portal_service.bookings import (
    DEFAULT_TERMINAL_TIMEZONE,
    TerminalClock,
    existing_appointment,
    has_ended,
    open_windows,
    terminal_clock,
)
from portal_service.check import is_actionable
from portal_service.containers import ContainerFilters
from portal_service.errors import (
    AlreadyBookedError,
    BookingConflictError,
    BookingDetailsError,
    InvalidArgumentError,
    PortalServiceError,
    RunCancelledError,
    SlotEndedError,
)
from portal_service.files import XLSX, FileStore, StoredFile, file_url, stamp, xlsx_bytes
from portal_service.models import (
    MAX_ROWS,
    AppointmentList,
    AppointmentRecord,
    BookingOutcome,
    CheckReport,
    CheckRow,
    ContainerList,
    ContainerLookup,
    ContainerRecord,
    ContainersExport,
    ContainerSummary,
    ContainerTimeline,
    MilestoneOut,
    PortalResult,
    PortalSessionRef,
    PortalSessionStatus,
    SlotCheck,
    SlotFilters,
)
from portal_service.service import PortalService
from portal_service.slots import filter_slots, pick_slot
from portal_service.wizard import WizardFields

__all__ = [
    "DEFAULT_TERMINAL_TIMEZONE",
    "MAX_ROWS",
    "XLSX",
    "AccountPortalAccess",
    "AlreadyBookedError",
    "AppointmentFilters",
    "AppointmentList",
    "AppointmentRecord",
    "AuditTrail",
    "BookingConflictError",
    "BookingDetailsError",
    "BookingOutcome",
    "CheckReport",
    "CheckRow",
    "ContainerFilters",
    "ContainerList",
    "ContainerLookup",
    "ContainerRecord",
    "ContainerSummary",
    "ContainerTimeline",
    "ContainersExport",
    "FileStore",
    "InvalidArgumentError",
    "MilestoneOut",
    "PortalAccess",
    "PortalResult",
    "PortalService",
    "PortalServiceError",
    "PortalSessionIdAccess",
    "PortalSessionRef",
    "PortalSessionStatus",
    "RunCancelledError",
    "SlotCheck",
    "SlotEndedError",
    "SlotFilters",
    "StoredFile",
    "TerminalClock",
    "WizardFields",
    "existing_appointment",
    "file_url",
    "filter_slots",
    "has_ended",
    "is_actionable",
    "open_windows",
    "pick_slot",
    "stamp",
    "terminal_clock",
    "xlsx_bytes",
]
