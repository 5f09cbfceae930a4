"""The one place a chat model is made: an OpenAI-compatible endpoint when configured, else the offline model."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessage
from langchain_core.runnables import Runnable
from langchain_core.tools import BaseTool
from pydantic import SecretStr

from LLM.offline import OfflineChatModel


def make_chat_model(settings: Any) -> BaseChatModel:
    """`ChatOpenAI` when `llm_base_url` or `llm_api_key` is set, else the offline model."""
    base_url = str(getattr(settings, "llm_base_url", "") or "")
    api_key = str(getattr(settings, "llm_api_key", "") or "")
    if not (base_url or api_key):
        return OfflineChatModel()
    from langchain_openai import ChatOpenAI  # imported only when an endpoint is configured

    return ChatOpenAI(
        model=str(getattr(settings, "llm_model", "") or "gpt-4o-mini"),
        api_key=SecretStr(api_key or "not-needed"),  # local servers (vLLM, Ollama, llama.cpp) accept any key
        base_url=base_url or None,
        temperature=0,
        max_retries=1,
        timeout=120,
    )


def load_chat_model(settings: Any, tools: Sequence[BaseTool]) -> Runnable[LanguageModelInput, AIMessage]:
    """The chat model for these settings with the tools bound."""
    return make_chat_model(settings).bind_tools(list(tools))
