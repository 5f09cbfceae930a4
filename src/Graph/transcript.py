"""Where a thread's older messages go once they leave the graph's state: an append-only transcript."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from langchain_core.messages import BaseMessage


class Transcript(Protocol):
    """Append-only storage of a thread's messages, each stored once, in the order they were said."""

    def append(self, thread_id: str, messages: Sequence[BaseMessage]) -> None:
        """Store the messages not stored yet (by id), after the thread's earlier ones."""

    def messages(self, thread_id: str) -> list[BaseMessage]:
        """Every stored message of the thread, oldest first."""

    def delete(self, thread_id: str) -> None:
        """Forget the thread's messages."""


def whole_conversation(archived: Sequence[BaseMessage], window: Sequence[BaseMessage]) -> list[BaseMessage]:
    """The transcript followed by the state's window; a message in both is shown once, as the state has it."""
    in_window = {m.id for m in window if m.id}
    return [m for m in archived if m.id not in in_window] + list(window)
