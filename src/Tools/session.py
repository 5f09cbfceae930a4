"""The session_status tool: which E-Modal account the dispatcher works in and whether it is logged in."""

from __future__ import annotations

from typing import Any

from langchain_core.tools import tool

from Tools.common import Runtime, context_of, for_model, service_of


@tool(parse_docstring=True)
def session_status(runtime: Runtime) -> dict[str, Any]:
    """Tell which E-Modal account is selected and whether its portal login is live (logging in if needed).

    Args:
        runtime: injected, not given by the model.
    """
    return for_model(service_of(context_of(runtime)).session_status())
