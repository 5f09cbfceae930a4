"""The agent graph: model -> tools -> model ... until the model answers; built and compiled once."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from typing import Any, Literal, cast

from langchain_core.language_models import LanguageModelInput
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, RemoveMessage, SystemMessage, ToolMessage
from langchain_core.runnables import Runnable
from langchain_core.tools import BaseTool, StructuredTool
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.config import get_config
from langgraph.errors import GraphBubbleUp
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph
from langgraph.prebuilt import ToolRuntime
from langgraph.runtime import Runtime
from pydantic import BaseModel, ValidationError

from EModal import EModalError
from Graph.context import AgentContext
from Graph.memory import after_tools, with_memory
from Graph.messages import KEEP_TURNS, prepare_for_model, split_window, step_limit_answer
from Graph.prompts import system_prompt
from Graph.state import AgentState
from Graph.transcript import Transcript
from Graph.turns import files_in
from Graph.views import ToolEnd, ToolStart
from Tools import TOOLS, RunCancelledError, ToolsError

log = logging.getLogger(__name__)
AGENT_NODE = "agent"
TOOLS_NODE = "tools"
# A tool round takes two steps (tools, then the model again), so the model may still ask for tools while at
# least this many steps are left.
LAST_TOOL_ROUND = 2


def _check_cancel(context: AgentContext) -> None:
    if context.cancel.is_set():
        raise RunCancelledError()


def build_graph(
    model: Runnable[LanguageModelInput, BaseMessage],
    checkpointer: BaseCheckpointSaver[Any] | None,
    tools: Sequence[BaseTool] = TOOLS,
    *,
    transcript: Transcript | None = None,
    keep_turns: int = KEEP_TURNS,
) -> CompiledStateGraph[AgentState, AgentContext, Any, Any]:
    """Compile the agent graph around a chat model (tools already bound) and a checkpointer.

    With a transcript, the model's step on a new message also moves the turns older than the newest `keep_turns`
    out of the state (in the same step: a separate node would take a step from the run's step limit).
    """
    by_name = {t.name: cast(StructuredTool, t) for t in tools}

    def archived(messages: Sequence[BaseMessage]) -> list[BaseMessage]:
        """On a new user message, removals of the older turns once the transcript holds them."""
        if transcript is None or not messages or not isinstance(messages[-1], HumanMessage):
            return []
        return archive_older_turns(transcript, messages, keep_turns)

    def call_model(state: AgentState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
        context = runtime.context
        _check_cancel(context)
        account = context.portal.account_label if context.portal is not None else ""
        prompt = SystemMessage(with_memory(system_prompt(context.effective_today(), account), state.memory))
        response = model.invoke([prompt, *prepare_for_model(state.messages)])
        removed = archived(state.messages)
        if isinstance(response, AIMessage) and response.tool_calls and state.remaining_steps < LAST_TOOL_ROUND:
            # The tools and the model's next step would pass the step limit: say so rather than fail the run.
            return {"messages": [*removed, AIMessage(content=step_limit_answer(state.messages))]}
        return {"messages": [*removed, response]}

    def run_tools(state: AgentState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
        config = get_config()
        last = state.messages[-1]
        results: list[ToolMessage] = []
        for call in last.tool_calls if isinstance(last, AIMessage) else []:
            _check_cancel(runtime.context)
            call_id, name = str(call["id"]), call["name"]
            runtime.stream_writer(ToolStart(id=call_id, name=name, args=call["args"]))
            tool_runtime = ToolRuntime(state={"messages": list(state.messages)}, context=runtime.context,
                                       config=config, stream_writer=runtime.stream_writer, tool_call_id=call_id,
                                       store=runtime.store, tools=list(tools))
            content, status = _invoke(by_name.get(name), name, call["args"], tool_runtime)
            results.append(ToolMessage(content=content, tool_call_id=call_id, name=name, status=status))
            files = files_in(content) if status == "success" else []
            runtime.stream_writer(ToolEnd(id=call_id, name=name, status=status, files=files))
        return {"messages": results, "memory": after_tools(state.memory, last, results)}

    def route(state: AgentState) -> str:
        last = state.messages[-1] if state.messages else None
        return TOOLS_NODE if isinstance(last, AIMessage) and last.tool_calls else END

    builder = StateGraph(AgentState, context_schema=AgentContext)
    builder.add_node(AGENT_NODE, call_model)
    builder.add_node(TOOLS_NODE, run_tools)
    builder.add_edge(START, AGENT_NODE)
    builder.add_conditional_edges(AGENT_NODE, route, [TOOLS_NODE, END])
    builder.add_edge(TOOLS_NODE, AGENT_NODE)
    return builder.compile(checkpointer=checkpointer, name="emodal-agent")


def archive_older_turns(transcript: Transcript, messages: Sequence[BaseMessage],
                        keep_turns: int) -> list[BaseMessage]:
    """Removals of the turns older than the newest `keep_turns`, once the transcript holds them."""
    older = [m for m in split_window(messages, keep_turns)[0] if m.id]
    if not older:
        return []
    thread_id = str(get_config()["configurable"]["thread_id"])
    try:
        transcript.append(thread_id, older)
    except Exception:  # the answer matters more than the window: keep the messages and try on the next turn
        log.exception("thread %s: could not archive %d message(s); the state keeps them", thread_id, len(older))
        return []
    return [RemoveMessage(id=str(m.id)) for m in older]


def _invoke(
    tool: StructuredTool | None, name: str, args: dict[str, Any], runtime: ToolRuntime[Any, Any]
) -> tuple[str, Literal["success", "error"]]:
    """Run one tool; its result as JSON, or an error message the model can relay."""
    if tool is None:
        return f"Unknown tool {name!r}.", "error"
    try:
        schema = tool.tool_call_schema
        if isinstance(schema, type) and issubclass(schema, BaseModel):
            values = schema.model_validate(args).model_dump()
        else:
            values = dict(args)
        func = tool.func
        assert func is not None  # every tool of ours is a plain function
        result = func(runtime=runtime, **values)
    except GraphBubbleUp:
        raise  # interrupt() for the dispatcher's approval
    except RunCancelledError:
        raise
    except (EModalError, ToolsError) as exc:
        return str(exc), "error"
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        return f"Invalid arguments for {name}: {problems}", "error"
    except Exception as exc:  # a tool bug must become an answer, not a broken thread
        log.exception("tool %s failed", name)
        return f"{name} failed unexpectedly ({type(exc).__name__}).", "error"
    return json.dumps(result, default=str, ensure_ascii=False), "success"

