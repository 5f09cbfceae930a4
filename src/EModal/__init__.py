"""The E-Modal browser connector: page objects, a pool of logged-in browsers, typed operations."""

from EModal.appointments import AppointmentRequest, AppointmentSession
from EModal.browser import Browser, RemoteSession
from EModal.config import ConnectorConfig, PortalUrls
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
    PortalSessionLimitError,
    PortalSessionNotFoundError,
    PortalUnavailableError,
    RegionBlockedError,
    SlotNotAvailableError,
    WizardRejectedError,
)
from EModal.operations import PortalOperations
from EModal.pool import PortalSessionPool
from EModal.pool_stats import PoolStats, PortalSessionInfo
from EModal.portal_pool import PortalPool
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
    "Browser",
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
    "PortalPool",
    "PortalSessionInfo",
    "PortalSessionLimitError",
    "PortalSessionNotFoundError",
    "PortalSessionPool",
    "PortalSessionRecorder",
    "PortalUnavailableError",
    "PortalUrls",
    "RegionBlockedError",
    "RemoteSession",
    "SlotNotAvailableError",
    "Timeline",
    "WizardRejectedError",
]
