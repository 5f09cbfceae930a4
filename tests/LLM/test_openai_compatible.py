"""The ChatOpenAI path against a scripted OpenAI-compatible server: tool calls and results cross real HTTP."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from langchain_openai import ChatOpenAI

from backend.config import Settings
from Graph import AgentRunner, AgentTurn, Token, open_checkpointer
from LLM import OfflineChatModel, load_chat_model, make_chat_model
from tests.Graph.support import make_context
from Tools import TOOLS

FINAL = "There is no E-Modal account yet: add one first."


def _completion(message: dict[str, Any], finish: str) -> dict[str, Any]:
    return {"id": "chatcmpl-1", "object": "chat.completion", "created": 0, "model": "scripted",
            "choices": [{"index": 0, "message": message, "finish_reason": finish}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}


class ScriptedServer:
    """Asks for list_containers first; answers in words once it has seen the tool result."""

    def __init__(self) -> None:
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
                seen_tool = any(m.get("role") == "tool" for m in body["messages"])
                if seen_tool:
                    message: dict[str, Any] = {"role": "assistant", "content": FINAL}
                    finish = "stop"
                else:
                    call = {"id": "call_scripted_1", "type": "function",
                            "function": {"name": "list_containers", "arguments": json.dumps({"status": "IN YARD"})}}
                    message, finish = {"role": "assistant", "content": None, "tool_calls": [call]}, "tool_calls"
                if body.get("stream"):
                    self._stream(message, finish)
                    return
                payload = json.dumps(_completion(message, finish)).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def _stream(self, message: dict[str, Any], finish: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                deltas: list[dict[str, Any]] = []
                if message.get("tool_calls"):
                    deltas.append({"role": "assistant", "tool_calls": [{"index": 0, **message["tool_calls"][0]}]})
                else:
                    deltas += [{"role": "assistant", "content": word + " "} for word in FINAL.split()]
                for delta in deltas:
                    chunk = {"id": "c1", "object": "chat.completion.chunk", "created": 0, "model": "scripted",
                             "choices": [{"index": 0, "delta": delta, "finish_reason": None}]}
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                last = {"id": "c1", "object": "chat.completion.chunk", "created": 0, "model": "scripted",
                        "choices": [{"index": 0, "delta": {}, "finish_reason": finish}]}
                self.wfile.write(f"data: {json.dumps(last)}\n\ndata: [DONE]\n\n".encode())

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    scripted = ScriptedServer()
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
    assert result["tool_call_id"] == "call_scripted_1" and "add an E-Modal account first" in result["content"]


def test_streaming_through_the_endpoint(server: ScriptedServer, runner: AgentRunner, tmp_path: Path) -> None:
    events = list(runner.stream(message="containers in the yard?",
                                context=make_context(None, tmp_path, "s")))
    kinds = [e.kind for e in events]
    assert kinds[:2] == ["tool_start", "tool_end"] and kinds[-1] == "final"
    assert "".join(e.text for e in events if isinstance(e, Token)).strip() == FINAL
    final = events[-1]
    assert isinstance(final, AgentTurn) and final.answer.strip() == FINAL
    assert all(r.get("stream") for r in server.requests)
    assert "add an E-Modal account first" in _tool_message(server.requests[1])["content"]
