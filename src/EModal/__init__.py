"""The E-Modal browser connector: page objects, a pool of logged-in browsers, typed operations."""

from EModal.appointments import AppointmentRequest, AppointmentSession
from EModal.config import ConnectorConfig, PortalUrls
from EModal.container_number import is_valid_container_number, normalize_container_number
from EModal.errors import (
    AccountLockedError,
    AppointmentSessionError,
    BookingNotConfirmedError,
    BrowserGoneError,
    CaptchaError,
    ContainerNotFoundError,
    EModalError,
    InvalidContainerNumberError,
    InvalidCredentialsError,
    LoginExpiredError,
    MissingFieldError,
    PoolBusyError,
    PortalSessionNotFoundError,
    PortalUnavailableError,
    RegionBlockedError,
    SlotNotAvailableError,
    WizardRejectedError,
)
from EModal.operations import PortalOperations
from EModal.pool import PoolStats, PortalSessionInfo, PortalSessionPool
from EModal.recorder import NullRecorder, PortalSessionRecorder
from EModal.records import (
    CONTAINER_COLUMNS,
    Appointment,
    AppointmentSlot,
    BookingResult,
    Container,
    ContainerDetail,
    Credentials,
    Milestone,
    Timeline,
)

__all__ = [
    "CONTAINER_COLUMNS",
    "AccountLockedError",
    "Appointment",
    "AppointmentRequest",
    "AppointmentSession",
    "AppointmentSessionError",
    "AppointmentSlot",
    "BookingNotConfirmedError",
    "BookingResult",
    "BrowserGoneError",
    "CaptchaError",
    "ConnectorConfig",
    "Container",
    "ContainerDetail",
    "ContainerNotFoundError",
    "Credentials",
    "EModalError",
    "InvalidContainerNumberError",
    "InvalidCredentialsError",
    "LoginExpiredError",
    "Milestone",
    "MissingFieldError",
    "NullRecorder",
    "PoolBusyError",
    "PoolStats",
    "PortalOperations",
    "PortalSessionInfo",
    "PortalSessionNotFoundError",
    "PortalSessionPool",
    "PortalSessionRecorder",
    "PortalUnavailableError",
    "PortalUrls",
    "RegionBlockedError",
    "SlotNotAvailableError",
    "Timeline",
    "WizardRejectedError",
    "is_valid_container_number",
    "normalize_container_number",
]
