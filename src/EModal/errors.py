"""One exception tree for the connector; messages never hold credentials."""

from __future__ import annotations

from domain import InvalidContainerNumber


class EModalError(Exception):
    """Base of every error the E-Modal connector raises."""

    code = "emodal_error"


class InvalidCredentialsError(EModalError):
    """The portal refused the username or password."""

    code = "invalid_credentials"

    def __init__(self, portal_message: str = "Invalid username or password") -> None:
        super().__init__(f"E-Modal refused the username or password: {portal_message}")
        self.portal_message = portal_message


class AccountLockedError(EModalError):
    """The portal says the account is locked."""

    code = "account_locked"

    def __init__(self, portal_message: str = "account locked") -> None:
        super().__init__(f"The E-Modal account is locked: {portal_message}")
        self.portal_message = portal_message


class CaptchaError(EModalError):
    """The captcha solving service could not give a token."""

    code = "captcha_failed"

    WRONG_KEY = "wrong_key"
    ZERO_BALANCE = "zero_balance"
    UNSOLVABLE = "unsolvable"
    TIMEOUT = "timeout"
    NO_SLOT = "no_slot"
    UNREACHABLE = "unreachable"
    REJECTED = "rejected"

    def __init__(self, reason: str, solver_message: str = "") -> None:
        detail = f" ({solver_message})" if solver_message else ""
        super().__init__(f"The captcha could not be solved: {reason}{detail}")
        self.reason = reason
        self.solver_message = solver_message


class PortalUnavailableError(EModalError):
    """The portal answered with an error page (403 region block, 5xx) or did not load."""

    code = "portal_unavailable"

    def __init__(self, detail: str, status: int | None = None, url: str = "") -> None:
        super().__init__(f"E-Modal is unavailable: {detail}")
        self.status = status
        self.url = url


class RegionBlockedError(PortalUnavailableError):
    """The portal answered 403 Forbidden (it refuses addresses outside the US)."""

    code = "region_blocked"

    def __init__(self, url: str = "") -> None:
        super().__init__("403 Forbidden (the portal refuses this network region)", status=403, url=url)


class LoginExpiredError(EModalError):
    """The portal says the login has expired (its 401 page or a return to the login form)."""

    code = "login_expired"

    def __init__(self) -> None:
        super().__init__("The E-Modal login has expired")


class BrowserGoneError(EModalError):
    """The browser (Chromium or chromedriver) of a portal session stopped answering."""

    code = "browser_gone"

    def __init__(self, detail: str = "") -> None:
        super().__init__(f"The browser stopped answering{': ' + detail if detail else ''}")


class PortalSessionNotFoundError(EModalError):
    """No live portal session has that id."""

    code = "portal_session_not_found"

    def __init__(self, portal_session_id: str) -> None:
        super().__init__(f"No live E-Modal portal session {portal_session_id}")
        self.portal_session_id = portal_session_id


class InvalidContainerNumberError(EModalError, InvalidContainerNumber):
    """A container number given to the connector fails the ISO 6346 format or check digit.

    It is also the domain's `InvalidContainerNumber`, so callers may catch either.
    """

    code = "invalid_container_number"

    @classmethod
    def from_domain(cls, error: InvalidContainerNumber) -> InvalidContainerNumberError:
        """The connector's error for a number the domain rule refused."""
        return cls(error.number, error.why)


class ContainerNotFoundError(EModalError):
    """The container is not in the account's list, or the portal does not know it."""

    code = "container_not_found"

    def __init__(self, number: str) -> None:
        super().__init__(f"Container {number} was not found in E-Modal")
        self.number = number


class AppointmentSessionError(EModalError):
    """The appointment session is unknown or has expired."""

    code = "appointment_session_expired"

    def __init__(self, appointment_session_id: str, detail: str = "expired or unknown") -> None:
        super().__init__(f"Appointment session {appointment_session_id} is {detail}")
        self.appointment_session_id = appointment_session_id


class MissingFieldError(EModalError):
    """The appointment wizard needs a field the caller did not give."""

    code = "missing_field"

    def __init__(self, phase: int, field: str, appointment_session_id: str = "", hint: str = "") -> None:
        extra = f": {hint}" if hint else ""
        super().__init__(f"Phase {phase} of the appointment wizard needs '{field}'{extra}")
        self.phase = phase
        self.field = field
        self.appointment_session_id = appointment_session_id
        self.hint = hint


class WizardRejectedError(EModalError):
    """The appointment wizard answered with an error dialog."""

    code = "wizard_rejected"

    def __init__(self, phase: int, portal_message: str) -> None:
        super().__init__(f"E-Modal refused phase {phase}: {portal_message}")
        self.phase = phase
        self.portal_message = portal_message


class SlotNotAvailableError(EModalError):
    """The requested appointment slot is not offered (or none is)."""

    code = "slot_not_available"

    def __init__(self, wanted: str, available: list[str]) -> None:
        shown = ", ".join(available) if available else "No Appointments Available"
        super().__init__(f"Slot {wanted!r} is not available; offered: {shown}")
        self.wanted = wanted
        self.available = available


class BookingNotConfirmedError(EModalError):
    """Submit did not lead to a confirmation that could be read back and found in My Appointments."""

    code = "booking_not_confirmed"

    def __init__(self, detail: str, appointment_number: str = "") -> None:
        super().__init__(f"The booking was not confirmed: {detail}")
        self.detail = detail
        self.appointment_number = appointment_number


class PoolBusyError(EModalError):
    """Every browser of the pool is busy and none can be evicted for a new one."""

    code = "pool_busy"

    def __init__(self, size: int, retry_after_seconds: int = 30, message: str = "") -> None:
        super().__init__(message or f"All {size} E-Modal browsers are busy; try again in {retry_after_seconds} s")
        self.size = size
        self.retry_after_seconds = retry_after_seconds


class PortalSessionLimitError(PoolBusyError):
    """The caller already holds as many portal sessions as one user may, and all of them are in use."""

    code = "portal_session_limit"

    def __init__(self, limit: int, retry_after_seconds: int = 30) -> None:
        super().__init__(limit, retry_after_seconds, f"You already have {limit} E-Modal browsers open (the limit "
                                                     f"per user) and all are in use; try again in "
                                                     f"{retry_after_seconds} s")
        self.limit = limit
