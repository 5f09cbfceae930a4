"""The portal use cases behind both front doors (the agent's tools and the business API), with typed results."""

from portal_service.access import AccountPortalAccess, PortalAccess, PortalSessionIdAccess
from portal_service.appointments import AppointmentFilters
from portal_service.audit import AuditTrail
from portal_service.check import is_actionable
from portal_service.containers import ContainerFilters
from portal_service.errors import BookingDetailsError, InvalidArgumentError, PortalServiceError, RunCancelledError
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
    "MAX_ROWS",
    "XLSX",
    "AccountPortalAccess",
    "AppointmentFilters",
    "AppointmentList",
    "AppointmentRecord",
    "AuditTrail",
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
    "SlotFilters",
    "StoredFile",
    "WizardFields",
    "file_url",
    "filter_slots",
    "is_actionable",
    "pick_slot",
    "stamp",
    "xlsx_bytes",
]
