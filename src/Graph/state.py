"""The graph's state: the conversation's messages, nothing else."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Annotated

from langchain_core.messages import AnyMessage
from langgraph.graph import add_messages


@dataclass
class AgentState:
    """Messages of one conversation thread (user, assistant with tool calls, tool results)."""

    messages: Annotated[Sequence[AnyMessage], add_messages] = field(default_factory=list)
