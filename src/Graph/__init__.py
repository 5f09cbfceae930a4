"""The agent graph, compiled once per process; the runner the HTTP layer calls; who owns a run."""

from Graph.checkpointer import open_checkpointer
from Graph.context import AgentContext
from Graph.errors import (
    GraphError,
    InvalidDecisionError,
    NoPendingConfirmationError,
    RunFailedError,
    RunsUnavailableError,
    ThreadBusyError,
)
from Graph.graph import build_graph
from Graph.runner import AgentRunner
from Graph.runs import (
    REPLAY_SECONDS,
    AgentRun,
    AgentRuns,
    InProcessAgentRuns,
    NumberedEvent,
    PrepareRun,
    ReplayBuffer,
    new_run_id,
    split_event_id,
)
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
    "REPLAY_SECONDS",
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
    "NumberedEvent",
    "PrepareRun",
    "Progress",
    "ReplayBuffer",
    "RunError",
    "RunFailedError",
    "RunsUnavailableError",
    "ThreadAssigned",
    "ThreadBusyError",
    "Token",
    "ToolCallStatus",
    "ToolCallView",
    "ToolEnd",
    "ToolStart",
    "build_graph",
    "new_run_id",
    "open_checkpointer",
    "split_event_id",
]
