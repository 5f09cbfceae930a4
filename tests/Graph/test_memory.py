"""Dialogue memory in the graph's state: kept after tool results, checkpointed, shown to the model as one note."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from langchain_core.language_models import LanguageModelInput
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langchain_core.runnables import Runnable, RunnableLambda
from langchain_core.tools import BaseTool, tool
from langgraph.prebuilt import ToolRuntime

from Graph import AgentContext, open_checkpointer
from Graph.graph import build_graph
from LLM import OfflineChatModel
from LLM.memory import NOTE_PREFIX
from tests.support.doubles import DirectoryFileStore, ListAuditTrail

LISTED = ["MSCU5165756", "MSDU5772413", "CAIU7181746"]


@tool
def list_containers(runtime: ToolRuntime, status: str = "", trade_type: str = "", holds: str = "") -> dict[str, Any]:
    """List containers (a stand-in for the portal: three rows)."""
    rows = [{"container_number": n, "trade_type": "IMPORT", "status": "IN YARD", "holds": "NO", "origin": "ITS",
             "destination": "ITS", "current_loc": "ITS", "line": "MSCU", "size_type": "40GP", "lfd_gtd": "N/A"}
            for n in LISTED]
    return {"total_containers": 3, "matched": 3, "filters": {}, "rows": rows}


@tool
def get_container_timeline(runtime: ToolRuntime, container_number: str) -> dict[str, Any]:
    """A container's timeline (a stand-in for the portal)."""
    return {"container_number": container_number, "trade_type": "IMPORT", "passed_pregate": False,
            "next_move": "PICK FULL", "milestones": [{"name": "Discharged", "date": "11/20/2026", "reached": True}]}


TOOLS: list[BaseTool] = [list_containers, get_container_timeline]


def context(tmp_path: Path) -> AgentContext:
    return AgentContext(user_id=1, auth_session_id="auth-1", thread_id="t1", portal=None,
                        files=DirectoryFileStore(tmp_path / "files"), audit=ListAuditTrail())


def ask(graph: Any, tmp_path: Path, text: str) -> list[BaseMessage]:
    result = graph.invoke({"messages": [HumanMessage(text)]}, {"configurable": {"thread_id": "t1"}},
                          context=context(tmp_path))
    return list(result["messages"])


def calls(messages: list[BaseMessage]) -> list[tuple[str, dict[str, Any]]]:
    return [(c["name"], c["args"]) for m in messages if isinstance(m, AIMessage) for c in m.tool_calls]


def test_the_list_shown_is_remembered_across_a_restart_and_resolves_the_second_one(tmp_path: Path) -> None:
    model = OfflineChatModel().bind_tools(TOOLS)
    with open_checkpointer("sqlite:///unused", tmp_path) as checkpointer:
        ask(build_graph(model, checkpointer, TOOLS), tmp_path, "which containers are ready to pick up?")
    with open_checkpointer("sqlite:///unused", tmp_path) as checkpointer:  # a new process, the same file
        graph = build_graph(model, checkpointer, TOOLS)
        state = graph.get_state({"configurable": {"thread_id": "t1"}}).values
        assert state["memory"]["containers"] == LISTED and state["memory"]["shown"] == "containers"
        messages = ask(graph, tmp_path, "show me the timeline of the second one")
        assert calls(messages)[-1] == ("get_container_timeline", {"container_number": LISTED[1]})
        messages = ask(graph, tmp_path, "and the next one?")
        assert calls(messages)[-1] == ("get_container_timeline", {"container_number": LISTED[2]})
        focus = graph.get_state({"configurable": {"thread_id": "t1"}}).values["memory"]["container"]
    assert focus == LISTED[2]


def test_every_model_sees_the_memory_as_a_short_note_in_its_one_system_message(tmp_path: Path) -> None:
    seen: list[list[BaseMessage]] = []
    offline = OfflineChatModel().bind_tools(TOOLS)

    def spy(messages: LanguageModelInput) -> BaseMessage:
        assert isinstance(messages, list)
        seen.append(messages)
        return offline.invoke(messages)

    model: Runnable[LanguageModelInput, BaseMessage] = RunnableLambda(spy)
    with open_checkpointer("sqlite:///unused", tmp_path) as checkpointer:
        graph = build_graph(model, checkpointer, TOOLS)
        ask(graph, tmp_path, "which containers are ready to pick up?")
    assert NOTE_PREFIX not in str(seen[0][0].content)  # nothing shown yet: no note
    systems = [m for m in seen[-1] if isinstance(m, SystemMessage)]
    assert len(systems) == 1  # some OpenAI-compatible servers refuse a second system message
    note = str(systems[0].content).splitlines()[-1]
    assert note.startswith(NOTE_PREFIX) and len(note) < 600
    assert json.loads(note[len(NOTE_PREFIX):])["containers"] == LISTED
