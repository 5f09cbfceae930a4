"""The one place a chat model is made: an OpenAI-compatible endpoint when configured, else the offline model."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from typing import Any, Literal
from urllib.parse import urlparse

import openai
from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGenerationChunk
from langchain_core.runnables import Runnable
from langchain_core.tools import BaseTool
from langchain_openai import ChatOpenAI
from pydantic import PrivateAttr, SecretStr

from LLM.offline import OfflineChatModel

log = logging.getLogger(__name__)
StreamTools = Literal["auto", "on", "off"]
DEFAULT_MAX_TOKENS = 1024
_REFUSALS = (400, 422)  # how servers say "not with stream" besides a 5xx (llama.cpp answers 500)


class OpenAICompatibleChat(ChatOpenAI):
    """`ChatOpenAI` that also suits servers other than OpenAI's (llama.cpp, vLLM, Ollama).

    - an assistant message that carries tool calls is sent with `content: ""`: langchain-openai sends null,
      which llama.cpp's server refuses with a 500, so no step after a tool call could work;
    - the answer length is sent as `max_tokens` to servers other than OpenAI's (langchain-openai renames it
      `max_completion_tokens`, which older servers ignore: a tool argument then grows without end);
    - `stream_tools`: "on" always streams, "off" never streams (tools are always bound), "auto" streams and,
      when the server refuses a streamed request with tools, asks again without streaming and keeps doing so.
    """

    stream_tools: StreamTools = "auto"
    _stream_refused: bool = PrivateAttr(default=False)

    def _get_request_payload(self, input_: LanguageModelInput, *, stop: list[str] | None = None,
                             **kwargs: Any) -> dict[str, Any]:
        payload: dict[str, Any] = super()._get_request_payload(input_, stop=stop, **kwargs)
        for message in payload.get("messages", []):
            if message.get("role") == "assistant" and message.get("content") is None:
                message["content"] = ""
        if not _is_openai(self.openai_api_base) and "max_completion_tokens" in payload:
            payload["max_tokens"] = payload.pop("max_completion_tokens")
        return payload

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        if self.stream_tools == "off" or (self.stream_tools == "auto" and self._stream_refused):
            yield self._whole(messages, stop, run_manager, **kwargs)
            return
        if self.stream_tools == "on" or not kwargs.get("tools"):
            yield from super()._stream(messages, stop=stop, run_manager=run_manager, **kwargs)
            return
        try:
            chunks = super()._stream(messages, stop=stop, run_manager=run_manager, **kwargs)
            first = next(chunks, None)  # the server refuses a stream before its first chunk, never during it
        except openai.APIStatusError as refusal:
            if refusal.status_code not in _REFUSALS and refusal.status_code < 500:
                raise  # a wrong key, model or rate: asking again without streaming would not help
            chunk = self._whole(messages, stop, run_manager, **kwargs)  # raises when the server fails anyway
            self._stream_refused = True
            log.warning("the model server refused to stream with tools (%s): asking without streaming from now on",
                        refusal.status_code)
            yield chunk
            return
        if first is not None:
            yield first
            yield from chunks

    def _whole(self, messages: list[BaseMessage], stop: list[str] | None,
               run_manager: CallbackManagerForLLMRun | None, **kwargs: Any) -> ChatGenerationChunk:
        """The answer of one request without streaming, as a single chunk."""
        kwargs.pop("stream", None)
        kwargs.pop("stream_usage", None)
        result = super()._generate(messages, stop=stop, run_manager=run_manager, **kwargs)
        message = result.generations[0].message
        assert isinstance(message, AIMessage)
        chunk = AIMessageChunk(content=message.content, tool_calls=message.tool_calls, id=message.id,
                               response_metadata=message.response_metadata, usage_metadata=message.usage_metadata,
                               additional_kwargs=message.additional_kwargs)
        return ChatGenerationChunk(message=chunk)


def _is_openai(base_url: str | None) -> bool:
    """Whether the endpoint is OpenAI's own API (no base URL means OpenAI)."""
    return not base_url or (urlparse(base_url).hostname or "").endswith("openai.com")


def make_chat_model(settings: Any) -> BaseChatModel:
    """`OpenAICompatibleChat` when `llm_base_url` or `llm_api_key` is set, else the offline model."""
    base_url = str(getattr(settings, "llm_base_url", "") or "")
    api_key = str(getattr(settings, "llm_api_key", "") or "")
    if not (base_url or api_key):
        return OfflineChatModel()
    return OpenAICompatibleChat(
        model=str(getattr(settings, "llm_model", "") or "gpt-4o-mini"),
        api_key=SecretStr(api_key or "not-needed"),  # local servers (vLLM, Ollama, llama.cpp) accept any key
        base_url=base_url or None,
        temperature=0,
        max_retries=1,
        timeout=120,
        max_tokens=int(getattr(settings, "llm_max_tokens", DEFAULT_MAX_TOKENS) or DEFAULT_MAX_TOKENS),
        stream_tools=getattr(settings, "llm_stream_tools", "auto"),
    )


def load_chat_model(settings: Any, tools: Sequence[BaseTool]) -> Runnable[LanguageModelInput, AIMessage]:
    """The chat model for these settings with the tools bound.

    `tool_choice="auto"` is sent explicitly: OpenAI assumes it, but other servers ignore the tools without it.
    """
    model = make_chat_model(settings)
    if isinstance(model, ChatOpenAI):
        return model.bind_tools(list(tools), tool_choice="auto")
    return model.bind_tools(list(tools))
