"""An OpenAI-compatible chat endpoint a test steers: hold its answers, loop on tool calls, or fail."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.support.openai_wire import send_completion, send_stream

FINAL = "All done."
HOLD_SECONDS = 60


def _reply(messages: list[dict[str, Any]], loop: bool, calls: int) -> dict[str, Any]:
    """A tool call until a tool has answered since the last user message (always, when looping), then words."""
    last_user = max((i for i, m in enumerate(messages) if m.get("role") == "user"), default=0)
    answered = any(m.get("role") == "tool" for m in messages[last_user:])
    if answered and not loop:
        return {"role": "assistant", "content": FINAL}
    call = {"id": f"call_{calls}", "type": "function", "function": {"name": "session_status", "arguments": "{}"}}
    return {"role": "assistant", "content": None, "tool_calls": [call]}


class ScriptedModel:
    """The endpoint and its switches: `gate` holds the answers after the first `hold_after` calls while clear,
    `loop`, `fail`."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.gate.set()
        self.called = threading.Event()
        self.loop = False
        self.fail = False
        self.calls = 0
        self.hold_after = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                return

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.calls += 1
                if outer.calls > outer.hold_after:
                    outer.called.set()
                    outer.gate.wait(HOLD_SECONDS)
                if outer.fail:
                    self.send_error(500, "scripted failure")
                    return
                message = _reply(body["messages"], outer.loop, outer.calls)
                finish = "tool_calls" if message.get("tool_calls") else "stop"
                if body.get("stream"):
                    send_stream(self, message, finish)
                else:
                    send_completion(self, message, finish)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.gate.set()
        self.httpd.shutdown()
        self.httpd.server_close()
