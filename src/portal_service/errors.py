"""One exception tree for the portal use cases; messages are written for the dispatcher (and the model)."""

from __future__ import annotations


class PortalServiceError(Exception):
    """Base of every error a use case raises on purpose (bad input, a booking it cannot prepare, a stop)."""

    code = "portal_service_error"

    def __init__(self, message: str, *, code: str = "") -> None:
        super().__init__(message)
        if code:
            self.code = code


class InvalidArgumentError(PortalServiceError):
    """An argument has a value the use case cannot use."""

    code = "invalid_argument"


class BookingDetailsError(PortalServiceError):
    """A booking cannot be prepared from what is known."""

    code = "booking_details_missing"


class RunCancelledError(PortalServiceError):
    """The caller asked to stop."""

    code = "cancelled"

    def __init__(self) -> None:
        super().__init__("Stopped on request.")


class BookingConflictError(PortalServiceError):
    """The request is well formed, but the portal's state forbids it now (the API answers 409 Conflict)."""

    code = "booking_conflict"


class AlreadyBookedError(BookingConflictError):
    """The container already has a live appointment for that move: a second one would be a double booking."""

    code = "already_booked"


class SlotEndedError(BookingConflictError):
    """The chosen slot's window has already ended at the terminal's local time."""

    code = "slot_ended"
