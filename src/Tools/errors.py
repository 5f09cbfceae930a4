"""One exception tree for the tools; messages are written for the dispatcher and the model."""

from __future__ import annotations


class ToolsError(Exception):
    """Base of every error a tool raises on purpose."""

    code = "tool_error"


class NoPortalAccountError(ToolsError):
    """The user has not selected an E-Modal account."""

    code = "no_portal_account"

    def __init__(self) -> None:
        super().__init__("No E-Modal account is selected: add an E-Modal account first, then ask again.")


class RunCancelledError(ToolsError):
    """The dispatcher stopped the run."""

    code = "cancelled"

    def __init__(self) -> None:
        super().__init__("Stopped on request.")


class BookingDetailsError(ToolsError):
    """A booking cannot be prepared from what is known in the conversation."""

    code = "booking_details_missing"


class InvalidArgumentError(ToolsError):
    """A tool argument has a value the tool cannot use."""

    code = "invalid_argument"
