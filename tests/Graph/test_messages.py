"""The state's window of recent turns: whole turns only, a tool call never apart from its result."""

from __future__ import annotations

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage

from Graph.messages import split_window


def call(call_id: str) -> AIMessage:
    return AIMessage(content="", tool_calls=[{"name": "list_containers", "args": {}, "id": call_id,
                                              "type": "tool_call"}])


def turn(index: int, words: int = 5) -> list[BaseMessage]:
    return [HumanMessage(f"question {index} " + "word " * words), call(f"c{index}"),
            ToolMessage("result " * words, tool_call_id=f"c{index}", name="list_containers"),
            AIMessage(f"answer {index}")]


def test_the_window_keeps_the_newest_whole_turns() -> None:
    messages = [m for index in range(10) for m in turn(index)]
    older, kept = split_window(messages, keep_turns=3)
    assert older + kept == messages
    assert [m.content for m in kept if isinstance(m, HumanMessage)] == [f"question {i} " + "word " * 5
                                                                        for i in (7, 8, 9)]
    assert split_window(messages[:8], keep_turns=3) == ([], messages[:8])  # nothing to move yet


def test_a_token_budget_moves_big_turns_out_but_never_the_current_one() -> None:
    messages = [m for index in range(4) for m in turn(index, words=2_000)]
    older, kept = split_window(messages, keep_turns=10, max_tokens=3_000)
    assert kept == messages[-4:]
    assert older == messages[:-4]


def test_a_kept_result_keeps_the_call_it_answers() -> None:
    # A result stored after a later user message (a repair) still belongs with the call before it.
    messages = [*turn(0), HumanMessage("next"), call("late"), HumanMessage("again"),
                ToolMessage("closed", tool_call_id="late", name="list_containers"), AIMessage("ok")]
    older, kept = split_window(messages, keep_turns=1)
    assert older == messages[:4]
    assert kept[0].content == "next" and kept[-1].content == "ok"
