"""The graph's state: the conversation's messages, what the thread showed (dialogue memory), the steps left."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Annotated

from langchain_core.messages import AnyMessage
from langgraph.graph import add_messages
from langgraph.managed import RemainingSteps

from LLM.memory import DialogueMemory


@dataclass
class AgentState:
    """Messages of one conversation thread (user, assistant with tool calls, tool results) and its memory."""

    messages: Annotated[Sequence[AnyMessage], add_messages] = field(default_factory=list)
    # Checkpointed with the thread (a plain typed dict, so it survives a restart and stays cheap to store).
    memory: DialogueMemory = field(default_factory=lambda: DialogueMemory())
    # Filled in by LangGraph on every step (never stored): lets the model's last step answer instead of failing.
    remaining_steps: RemainingSteps = 0
