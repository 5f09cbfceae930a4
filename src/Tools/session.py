"""The session_status tool: which E-Modal account the dispatcher works in and whether it is logged in."""

from __future__ import annotations

from typing import Any

from langchain_core.tools import tool
from langgraph.prebuilt import ToolRuntime

from Tools.common import context_of, portal_of

Runtime = ToolRuntime  # unparameterised: pydantic cannot build a schema for the context Protocols


@tool(parse_docstring=True)
def session_status(runtime: Runtime) -> dict[str, Any]:
    """Tell which E-Modal account is selected and whether its portal login is live (logging in if needed).

    Args:
        runtime: injected, not given by the model.
    """
    context = context_of(runtime)
    portal = portal_of(context)
    with portal.session() as ops:
        return {
            "account": portal.account_label,
            "logged_in": True,
            "new_login": ops.is_new_session,
            "portal_session_id": ops.portal_session_id,
        }
