"""The tools' errors: the portal use cases' tree, plus what only the agent meets (no account selected)."""

from __future__ import annotations

from portal_service import BookingDetailsError, InvalidArgumentError, PortalServiceError, RunCancelledError

ToolsError = PortalServiceError  # every error a tool raises on purpose; the graph turns it into the tool's answer


class NoPortalAccountError(PortalServiceError):
    """The user has no E-Modal account to act through (none stored, or several and none chosen)."""

    code = "no_portal_account"

    def __init__(self) -> None:
        super().__init__("Add your E-Modal account first: open Accounts on the page and press 'Add account' "
                         "(or POST /accounts with its login and captcha key), then ask again. If you have several "
                         "accounts, choose one under Accounts.")


__all__ = ["BookingDetailsError", "InvalidArgumentError", "NoPortalAccountError", "RunCancelledError", "ToolsError"]
