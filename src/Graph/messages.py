"""Keeping the message list valid for a provider: repair dangling tool calls, trim without splitting pairs."""

from __future__ import annotations

from collections.abc import Sequence

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage, ToolCall, ToolMessage
from langchain_core.messages.utils import count_tokens_approximately

INTERRUPTED = "This tool call was interrupted before it returned a result (the run stopped or crashed)."
MAX_MODEL_TOKENS = 12_000
# Whole turns the graph's state keeps (older ones move to the thread's transcript): every checkpoint stores the
# state's whole message list, so this bounds what a turn adds to storage. The dialogue memory keeps what was shown.
KEEP_TURNS = 12
STEP_LIMIT = ("I stopped after {steps} steps without finishing: one message may take no more. Tools used so far: "
              "{tools}. Ask me to continue, or narrow the question.")


def dangling_tool_calls(messages: Sequence[BaseMessage]) -> list[tuple[int, ToolCall]]:
    """(index of the AI message, tool call) for every call with no ToolMessage answering it."""
    answered = {m.tool_call_id for m in messages if isinstance(m, ToolMessage)}
    return [(i, call) for i, m in enumerate(messages) if isinstance(m, AIMessage)
            for call in m.tool_calls if call.get("id") not in answered]


def repair_messages(messages: Sequence[BaseMessage], reason: str = INTERRUPTED) -> list[ToolMessage]:
    """ToolMessages that close every dangling tool call (to be stored in the thread)."""
    return [ToolMessage(content=reason, tool_call_id=str(call["id"]), name=str(call.get("name", "")), status="error")
            for _, call in dangling_tool_calls(messages)]


def _well_formed(messages: Sequence[BaseMessage]) -> list[BaseMessage]:
    """Each AI message directly followed by its tool results; orphan results dropped, missing ones filled in."""
    results = {m.tool_call_id: m for m in messages if isinstance(m, ToolMessage)}
    out: list[BaseMessage] = []
    for message in messages:
        if isinstance(message, ToolMessage):
            continue  # placed right after the AI message that called it
        out.append(message)
        if isinstance(message, AIMessage):
            for call in message.tool_calls:
                found = results.get(str(call["id"]))
                out.append(found if found is not None else ToolMessage(
                    content=INTERRUPTED, tool_call_id=str(call["id"]), name=str(call.get("name", "")), status="error"))
    return out


def _turns(messages: list[BaseMessage]) -> list[list[BaseMessage]]:
    """Groups that each start at a user message (an AI message and its results never straddle two)."""
    turns: list[list[BaseMessage]] = []
    for message in messages:
        if isinstance(message, HumanMessage) or not turns:
            turns.append([])
        turns[-1].append(message)
    return turns


def prepare_for_model(messages: Sequence[BaseMessage], max_tokens: int = MAX_MODEL_TOKENS) -> list[BaseMessage]:
    """The newest whole turns that fit `max_tokens` (the current turn always kept), well formed."""
    body = _well_formed([m for m in messages if not isinstance(m, SystemMessage)])
    turns = _turns(body)
    kept: list[list[BaseMessage]] = []
    used = 0
    for turn in reversed(turns):
        size = count_tokens_approximately(turn)
        if kept and used + size > max_tokens:
            break
        kept.append(turn)
        used += size
    trimmed = [m for turn in reversed(kept) for m in turn]
    while trimmed and not isinstance(trimmed[0], HumanMessage) and len(kept) < len(turns):
        trimmed.pop(0)  # a cut thread starts at a user message
    return trimmed


def split_window(messages: Sequence[BaseMessage], keep_turns: int = KEEP_TURNS,
                 max_tokens: int = MAX_MODEL_TOKENS) -> tuple[list[BaseMessage], list[BaseMessage]]:
    """(older messages, newest whole turns): at most `keep_turns` turns within `max_tokens`, never fewer than one."""
    turns = _turns(list(messages))
    kept = 0
    used = 0
    for turn in reversed(turns):
        used += count_tokens_approximately(turn)
        if kept and (kept >= keep_turns or used > max_tokens):
            break
        kept += 1
    cut = sum(len(turn) for turn in turns[:len(turns) - kept])
    cut = _cut_before_callers(messages, cut)
    return list(messages[:cut]), list(messages[cut:])


def _cut_before_callers(messages: Sequence[BaseMessage], cut: int) -> int:
    """Move the cut back so no kept tool result loses the AI message that called it."""
    while cut > 0:
        kept_results = {m.tool_call_id for m in messages[cut:] if isinstance(m, ToolMessage)}
        callers = [i for i, m in enumerate(messages[:cut]) if isinstance(m, AIMessage)
                   and any(str(c["id"]) in kept_results for c in m.tool_calls)]
        if not callers:
            return cut
        # Back to the user message that opened the caller's turn: the window holds whole turns.
        cut = max((i for i in range(min(callers) + 1) if isinstance(messages[i], HumanMessage)), default=0)
    return cut


def step_limit_answer(messages: Sequence[BaseMessage]) -> str:
    """The answer of a run that reached its step limit, counting the tool calls of the current turn."""
    start = max((i for i, m in enumerate(messages) if isinstance(m, HumanMessage)), default=0)
    calls = [call["name"] for m in messages[start:] if isinstance(m, AIMessage) for call in m.tool_calls]
    names = ", ".join(dict.fromkeys(calls)) or "none"
    return STEP_LIMIT.format(steps=len(calls), tools=names)
