"""The tools' errors: the portal use cases' tree, plus what only the agent meets (no account selected)."""

from __future__ import annotations

from portal_service import BookingDetailsError, InvalidArgumentError, PortalServiceError, RunCancelledError

ToolsError = PortalServiceError  # every error a tool raises on purpose; the graph turns it into the tool's answer


class NoPortalAccountError(PortalServiceError):
    """The user has not selected an E-Modal account."""

    code = "no_portal_account"

    def __init__(self) -> None:
        super().__init__("No E-Modal account is selected: add an E-Modal account first, then ask again.")


__all__ = ["BookingDetailsError", "InvalidArgumentError", "NoPortalAccountError", "RunCancelledError", "ToolsError"]
