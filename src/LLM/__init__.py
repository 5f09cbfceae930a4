"""The chat model: one factory, `ChatOpenAI` for OpenAI-compatible servers, or our own offline model."""

from LLM.factory import load_chat_model, make_chat_model
from LLM.offline import OfflineChatModel


class LLMError(Exception):
    """Base of every error the model package raises."""


__all__ = ["LLMError", "OfflineChatModel", "load_chat_model", "make_chat_model"]
