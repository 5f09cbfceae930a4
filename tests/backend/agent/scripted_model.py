"""An OpenAI-compatible chat endpoint a test steers: hold its answers, loop on tool calls, or fail."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

FINAL = "All done."
HOLD_SECONDS = 60


def _chunk(delta: dict[str, Any], finish: str | None) -> bytes:
    body = {"id": "c1", "object": "chat.completion.chunk", "created": 0, "model": "scripted",
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
    return f"data: {json.dumps(body)}\n\n".encode()


def _reply(messages: list[dict[str, Any]], loop: bool, calls: int) -> dict[str, Any]:
    """A tool call until a tool has answered since the last user message (always, when looping), then words."""
    last_user = max((i for i, m in enumerate(messages) if m.get("role") == "user"), default=0)
    answered = any(m.get("role") == "tool" for m in messages[last_user:])
    if answered and not loop:
        return {"role": "assistant", "content": FINAL}
    call = {"id": f"call_{calls}", "type": "function", "function": {"name": "session_status", "arguments": "{}"}}
    return {"role": "assistant", "content": None, "tool_calls": [call]}


class ScriptedModel:
    """The endpoint and its switches: `gate` holds every answer while clear, `loop`, `fail`."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.gate.set()
        self.called = threading.Event()
        self.loop = False
        self.fail = False
        self.calls = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                return

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.calls += 1
                outer.called.set()
                outer.gate.wait(HOLD_SECONDS)
                if outer.fail:
                    self.send_error(500, "scripted failure")
                    return
                message = _reply(body["messages"], outer.loop, outer.calls)
                finish = "tool_calls" if message.get("tool_calls") else "stop"
                if body.get("stream"):
                    self._stream(message, finish)
                else:
                    self._whole(message, finish)

            def _whole(self, message: dict[str, Any], finish: str) -> None:
                payload = json.dumps({"id": "c1", "object": "chat.completion", "created": 0, "model": "scripted",
                                      "choices": [{"index": 0, "message": message, "finish_reason": finish}]}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def _stream(self, message: dict[str, Any], finish: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                if message.get("tool_calls"):
                    call = message["tool_calls"][0]
                    self.wfile.write(_chunk({"role": "assistant", "tool_calls": [{"index": 0, **call}]}, None))
                else:
                    for word in FINAL.split():
                        self.wfile.write(_chunk({"role": "assistant", "content": word + " "}, None))
                self.wfile.write(_chunk({}, finish) + b"data: [DONE]\n\n")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.gate.set()
        self.httpd.shutdown()
        self.httpd.server_close()
