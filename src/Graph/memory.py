"""Keeping the thread's dialogue memory: updated after each round of tool results, shown to the model in its prompt."""

from __future__ import annotations

from collections.abc import Sequence

from langchain_core.messages import AIMessage, BaseMessage, ToolMessage

from LLM.memory import DialogueMemory, note, remember_messages


def after_tools(memory: DialogueMemory, calling: BaseMessage, results: Sequence[ToolMessage]) -> DialogueMemory:
    """The memory once the tool results answering `calling` (the model's message with tool calls) are in."""
    if not isinstance(calling, AIMessage):
        return memory
    return remember_messages(memory, [calling, *results])


def with_memory(prompt: str, memory: DialogueMemory) -> str:
    """The system prompt with the memory's note as its last line (one system message: some servers take no more)."""
    text = note(memory)
    return f"{prompt}\n{text}" if text else prompt
