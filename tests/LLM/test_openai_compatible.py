"""The ChatOpenAI path against a scripted OpenAI-compatible server: tool calls and results cross real HTTP."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from langchain_core.messages import AIMessage
from langchain_openai import ChatOpenAI

from backend.config import Settings
from Graph import AgentRunner, AgentTurn, Token, open_checkpointer
from LLM import OfflineChatModel, load_chat_model, make_chat_model
from tests.Graph.support import make_context
from tests.support.openai_wire import send_completion, send_stream
from Tools import TOOLS

FINAL = "There is no E-Modal account yet: add one first."


def _refusal(body: dict[str, Any]) -> str:
    """Why llama.cpp's server would refuse this request (strict mode), or ""."""
    for message in body["messages"]:
        if message.get("role") == "assistant" and message.get("tool_calls") and message.get("content") is None:
            return "Expected 'content' to be a string"
    if body.get("stream") and body.get("tools") and body.get("tool_choice") == "auto":
        return "Cannot use tools with stream"
    return ""


class ScriptedServer:
    """Asks for list_containers first; answers in words once it has seen the tool result.

    Strict, it behaves like llama.cpp's server: a 500 for an assistant message with tool calls and null content
    and for a streamed request with automatic tool choice; without a `tool_choice` the tools are ignored.
    """

    def __init__(self, strict: bool = False) -> None:
        self.strict = strict
        self.requests: list[dict[str, Any]] = []
        self.auth: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                return

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests.append(body)
                outer.auth.append(self.headers.get("Authorization", ""))
                refusal = _refusal(body) if outer.strict else ""
                if refusal:
                    self.send_error(500, refusal)
                    return
                seen_tool = any(m.get("role") == "tool" for m in body["messages"])
                ignores_tools = outer.strict and "tool_choice" not in body
                if seen_tool or ignores_tools:
                    message: dict[str, Any] = {"role": "assistant", "content": FINAL}
                    finish = "stop"
                else:
                    call = {"id": "call_scripted_1", "type": "function",
                            "function": {"name": "list_containers", "arguments": json.dumps({"status": "IN YARD"})}}
                    message, finish = {"role": "assistant", "content": None, "tool_calls": [call]}, "tool_calls"
                if body.get("stream"):
                    send_stream(self, message, finish)
                else:
                    send_completion(self, message, finish)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)


@pytest.fixture(params=[False], ids=["lenient"])
def server(request: pytest.FixtureRequest) -> Iterator[ScriptedServer]:
    scripted = ScriptedServer(strict=request.param)
    scripted.thread.start()
    try:
        yield scripted
    finally:
        scripted.httpd.shutdown()


@pytest.fixture
def runner(server: ScriptedServer, tmp_path: Path) -> Iterator[AgentRunner]:
    settings = Settings(llm_base_url=server.url, llm_api_key="scripted-key", llm_model="scripted-model")
    with open_checkpointer("sqlite:///unused", tmp_path) as checkpointer:
        yield AgentRunner(model=load_chat_model(settings, TOOLS), checkpointer=checkpointer)


def test_the_factory_picks_the_model_from_settings() -> None:
    assert isinstance(make_chat_model(Settings()), OfflineChatModel)
    assert isinstance(make_chat_model(Settings(llm_base_url="http://127.0.0.1:1/v1")), ChatOpenAI)


def _tool_message(request: dict[str, Any]) -> dict[str, Any]:
    return next(m for m in request["messages"] if m["role"] == "tool")


def test_tool_call_and_result_cross_http(server: ScriptedServer, runner: AgentRunner, tmp_path: Path) -> None:
    turn = runner.ask(message="containers in the yard?", context=make_context(None, tmp_path, "t"))
    assert turn.answer == FINAL
    calls = [c.model_dump() for c in turn.tool_calls]
    assert calls == [{"id": "call_scripted_1", "name": "list_containers", "args": {"status": "IN YARD"},
                      "status": "error"}]
    first, second = server.requests
    assert first["model"] == "scripted-model" and server.auth[0] == "Bearer scripted-key"
    assert {t["function"]["name"] for t in first["tools"]} == {t.name for t in TOOLS}
    assert "runtime" not in json.dumps(first["tools"])  # the injected context is not a model argument
    assert first["messages"][0]["role"] == "system" and "Today is" in first["messages"][0]["content"]
    result = _tool_message(second)
    assert result["tool_call_id"] == "call_scripted_1" and "E-Modal account first" in result["content"]


def test_streaming_through_the_endpoint(server: ScriptedServer, runner: AgentRunner, tmp_path: Path) -> None:
    events = list(runner.stream(message="containers in the yard?",
                                context=make_context(None, tmp_path, "s")))
    kinds = [e.kind for e in events]
    assert kinds[:2] == ["tool_start", "tool_end"] and kinds[-1] == "final"
    assert "".join(e.text for e in events if isinstance(e, Token)).strip() == FINAL
    final = events[-1]
    assert isinstance(final, AgentTurn) and final.answer.strip() == FINAL
    assert all(r.get("stream") for r in server.requests)
    assert "E-Modal account first" in _tool_message(server.requests[1])["content"]


strict = pytest.mark.parametrize("server", [True], indirect=True, ids=["strict"])


@contextmanager
def _strict_runner(server: ScriptedServer, tmp_path: Path, **settings: Any) -> Iterator[AgentRunner]:
    config = Settings(llm_base_url=server.url, llm_model="small-model", **settings)
    with open_checkpointer("sqlite:///unused", tmp_path) as checkpointer:
        yield AgentRunner(model=load_chat_model(config, TOOLS), checkpointer=checkpointer)


def _assert_llama_cpp_would_answer(server: ScriptedServer, max_tokens: int) -> None:
    """Every request sent what such a server needs: tools chosen automatically, a bound, string content."""
    for request in server.requests:
        assert request["tool_choice"] == "auto" and request["max_tokens"] == max_tokens
        assert "max_completion_tokens" not in request
    second_step = server.requests[-1]["messages"]
    with_calls = [m for m in second_step if m["role"] == "assistant" and m.get("tool_calls")]
    assert with_calls and all(m["content"] == "" for m in with_calls)


@strict
def test_a_strict_server_answers_the_second_step(server: ScriptedServer, tmp_path: Path) -> None:
    with _strict_runner(server, tmp_path, llm_max_tokens=256) as runner:
        turn = runner.ask(message="containers in the yard?", context=make_context(None, tmp_path, "a"))
        assert turn.answer == FINAL
        assert [(c.name, c.args) for c in turn.tool_calls] == [("list_containers", {"status": "IN YARD"})]
    assert len(server.requests) == 2  # the tool call, then the answer after its result
    _assert_llama_cpp_would_answer(server, 256)


@strict
def test_streaming_falls_back_when_a_strict_server_refuses_it(server: ScriptedServer, tmp_path: Path) -> None:
    with _strict_runner(server, tmp_path) as runner:
        for thread in ("s1", "s2"):
            events = list(runner.stream(message="containers in the yard?",
                                        context=make_context(None, tmp_path, thread)))
            kinds = [e.kind for e in events]
            assert kinds[:2] == ["tool_start", "tool_end"] and kinds[-1] == "final", kinds
            assert "".join(e.text for e in events if isinstance(e, Token)).strip() == FINAL
            assert isinstance(events[-1], AgentTurn) and events[-1].answer == FINAL
    streamed = [r for r in server.requests if r.get("stream")]
    # Refused (and retried once by the client) on the first request only; never asked to stream again.
    assert streamed and all(r is server.requests[i] for i, r in enumerate(streamed))
    assert len(server.requests) == len(streamed) + 4
    _assert_llama_cpp_would_answer(server, 1024)


@strict
def test_streaming_forced_on_reports_the_refusal(server: ScriptedServer, tmp_path: Path) -> None:
    with _strict_runner(server, tmp_path, llm_stream_tools="on") as runner:
        events = list(runner.stream(message="containers in the yard?", context=make_context(None, tmp_path, "on")))
        assert [e.kind for e in events] == ["error"]
    assert all(r.get("stream") for r in server.requests)


@strict
def test_streaming_off_never_asks_for_a_stream(server: ScriptedServer, tmp_path: Path) -> None:
    with _strict_runner(server, tmp_path, llm_stream_tools="off") as runner:
        events = list(runner.stream(message="containers in the yard?", context=make_context(None, tmp_path, "off")))
        assert isinstance(events[-1], AgentTurn) and events[-1].answer == FINAL
    assert len(server.requests) == 2 and not any(r.get("stream") for r in server.requests)


@strict
def test_without_tool_choice_a_strict_server_ignores_the_tools(server: ScriptedServer, tmp_path: Path) -> None:
    """The strict server is strict: a client that sends no tool choice gets words, never a tool call."""
    model = make_chat_model(Settings(llm_base_url=server.url)).bind_tools(TOOLS)
    reply = model.invoke("containers in the yard?")
    assert isinstance(reply, AIMessage) and not reply.tool_calls and reply.content == FINAL


def test_openai_itself_gets_the_bound_under_its_own_name() -> None:
    model = make_chat_model(Settings(llm_api_key="sk-test", llm_max_tokens=300))
    assert isinstance(model, ChatOpenAI)
    payload = model._get_request_payload("hello")
    assert payload["max_completion_tokens"] == 300 and "max_tokens" not in payload
