"""What every tool does around its use case: the run's context, the service, the result as the model reads it."""

from __future__ import annotations

from typing import Any, cast

from langgraph.prebuilt import ToolRuntime
from pydantic import BaseModel

from portal_service import PortalService
from Tools.context import ToolContext
from Tools.errors import NoPortalAccountError, RunCancelledError

Runtime = ToolRuntime  # unparameterised: pydantic cannot build a schema for the context Protocol


def context_of(runtime: ToolRuntime) -> ToolContext:
    """The run's context, after checking the dispatcher has not stopped the run."""
    context = cast(ToolContext, runtime.context)
    if context.cancel.is_set():
        raise RunCancelledError()
    return context


def service_of(context: ToolContext) -> PortalService:
    """The portal use cases for the user's selected E-Modal account, or the error telling them to add one."""
    if context.portal is None:
        raise NoPortalAccountError()
    return PortalService(access=context.portal, files=context.files, audit=context.audit,
                         terminal_now=context.terminal_now)


def for_model(result: BaseModel, exclude: frozenset[str] = frozenset()) -> dict[str, Any]:
    """A use case's result as the model reads it: the same JSON the API returns, less what it does not need."""
    data: dict[str, Any] = result.model_dump(mode="json", exclude=set(exclude))
    if not data.get("files"):
        data.pop("files", None)  # no empty link lists in the model's context
    return data
