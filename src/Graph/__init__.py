"""The agent graph, compiled once per process, and the runner the HTTP layer calls."""

from Graph.checkpointer import open_checkpointer
from Graph.errors import GraphError, InvalidDecisionError, NoPendingConfirmationError, ThreadBusyError
from Graph.graph import build_graph
from Graph.runner import AgentRunner
from Graph.state import AgentState
from Graph.turns import AgentEvent, AgentTurn
from Tools.context import AgentContext, AuditSink, FileRef, FileSink, PortalAccess

__all__ = [
    "AgentContext",
    "AgentEvent",
    "AgentRunner",
    "AgentState",
    "AgentTurn",
    "AuditSink",
    "FileRef",
    "FileSink",
    "GraphError",
    "InvalidDecisionError",
    "NoPendingConfirmationError",
    "PortalAccess",
    "ThreadBusyError",
    "build_graph",
    "open_checkpointer",
]
