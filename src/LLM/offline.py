"""A chat model of our own that needs no network: dispatcher requests to tool calls, tool results to answers."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, SystemMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from langchain_core.runnables import Runnable
from langchain_core.tools import BaseTool
from langchain_core.utils.function_calling import convert_to_openai_tool

from LLM.plan import next_step

_TODAY = re.compile(r"Today is (\d{4}-\d{2}-\d{2})")


def today_from(messages: Sequence[BaseMessage]) -> date:
    """The date the system prompt states ("Today is YYYY-MM-DD"), else the machine's date."""
    for message in messages:
        if isinstance(message, SystemMessage):
            match = _TODAY.search(str(message.content))
            if match:
                return date.fromisoformat(match[1])
    return date.today()


class OfflineChatModel(BaseChatModel):
    """Deterministic: parses the last user message (and the thread), calls one tool at a time, renders answers."""

    tool_names: frozenset[str] = frozenset()

    @property
    def _llm_type(self) -> str:
        return "emodal-offline"

    def bind_tools(
        self,
        tools: Sequence[dict[str, Any] | type | Callable[..., Any] | BaseTool],
        *,
        tool_choice: str | None = None,
        **kwargs: Any,
    ) -> Runnable[LanguageModelInput, AIMessage]:
        """A copy that may call exactly these tools."""
        names = frozenset(convert_to_openai_tool(t)["function"]["name"] for t in tools)
        return self.model_copy(update={"tool_names": names})

    def respond(self, messages: list[BaseMessage]) -> AIMessage:
        """The next message for this conversation."""
        return next_step(messages, today_from(messages), set(self.tool_names))

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=self.respond(messages))])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        message = self.respond(messages)
        if message.tool_calls:
            yield ChatGenerationChunk(message=AIMessageChunk(content="", tool_calls=message.tool_calls))
            return
        # What the answer carries besides its text (likely replies to a question) rides on the first piece only:
        # the pieces are merged back into one message.
        extra = dict(message.additional_kwargs)
        for line in re.findall(r"[^\n]*\n|[^\n]+", str(message.content)):
            # Prose comes word by word; a table row whole, so the page never draws half a row.
            pieces = [line] if line.lstrip().startswith("|") else re.findall(r"\S+\s*|\s+", line)
            for piece in pieces:
                yield ChatGenerationChunk(message=AIMessageChunk(content=piece, additional_kwargs=extra))
                extra = {}
        if not message.content:  # an empty answer is still one message
            yield ChatGenerationChunk(message=AIMessageChunk(content="", additional_kwargs=extra))
