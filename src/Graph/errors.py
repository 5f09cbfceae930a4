"""One exception tree for the graph runner."""

from __future__ import annotations


class GraphError(Exception):
    """Base of every error the agent runner raises."""

    code = "agent_error"


class ThreadBusyError(GraphError):
    """Another run is working on this conversation thread."""

    code = "thread_busy"

    def __init__(self, thread_id: str) -> None:
        super().__init__(f"Conversation {thread_id} is busy answering a message; wait for it, or stop it first.")
        self.thread_id = thread_id


class RunsUnavailableError(GraphError):
    """The shared run registry (Redis) cannot be reached, so one run per thread cannot be guaranteed."""

    code = "runs_unavailable"

    def __init__(self, detail: str = "") -> None:
        super().__init__("The assistant cannot take new questions right now: the service that keeps one answer "
                         "at a time per conversation is unreachable. Try again in a minute.")
        self.detail = detail


class NoPendingConfirmationError(GraphError):
    """A resume came for a thread that waits for no approval."""

    code = "no_pending_confirmation"

    def __init__(self, thread_id: str) -> None:
        super().__init__(f"Conversation {thread_id} has no booking waiting for approval.")
        self.thread_id = thread_id


class InvalidDecisionError(GraphError):
    """A resume decision other than approve or reject."""

    code = "invalid_decision"

    def __init__(self, decision: str) -> None:
        super().__init__(f"Decision must be 'approve' or 'reject', not {decision!r}.")
        self.decision = decision


class RunFailedError(GraphError):
    """A run ended with an error event instead of an answer."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
