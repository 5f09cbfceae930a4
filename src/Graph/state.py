"""The graph's state: the conversation's messages, and the steps this run has left."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Annotated

from langchain_core.messages import AnyMessage
from langgraph.graph import add_messages
from langgraph.managed import RemainingSteps


@dataclass
class AgentState:
    """Messages of one conversation thread (user, assistant with tool calls, tool results)."""

    messages: Annotated[Sequence[AnyMessage], add_messages] = field(default_factory=list)
    # Filled in by LangGraph on every step (never stored): lets the model's last step answer instead of failing.
    remaining_steps: RemainingSteps = 0
