"""The agent graph, compiled once per process; the runner the HTTP layer calls; who owns a run."""

from Graph.checkpointer import open_checkpointer
from Graph.context import AgentContext
from Graph.errors import (
    GraphError,
    InvalidDecisionError,
    NoPendingConfirmationError,
    RunFailedError,
    ThreadBusyError,
)
from Graph.graph import build_graph
from Graph.runner import AgentRunner
from Graph.runs import AgentRun, AgentRuns, InProcessAgentRuns, PrepareRun
from Graph.state import AgentState
from Graph.views import (
    AgentEvent,
    AgentTurn,
    BookingConfirmation,
    EventKind,
    HistoryMessage,
    Progress,
    RunError,
    ThreadAssigned,
    Token,
    ToolCallStatus,
    ToolCallView,
    ToolEnd,
    ToolStart,
)

__all__ = [
    "AgentContext",
    "AgentEvent",
    "AgentRun",
    "AgentRunner",
    "AgentRuns",
    "AgentState",
    "AgentTurn",
    "BookingConfirmation",
    "EventKind",
    "GraphError",
    "HistoryMessage",
    "InProcessAgentRuns",
    "InvalidDecisionError",
    "NoPendingConfirmationError",
    "PrepareRun",
    "Progress",
    "RunError",
    "RunFailedError",
    "ThreadAssigned",
    "ThreadBusyError",
    "Token",
    "ToolCallStatus",
    "ToolCallView",
    "ToolEnd",
    "ToolStart",
    "build_graph",
    "open_checkpointer",
]
