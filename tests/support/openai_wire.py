"""The OpenAI chat-completions wire format, for the scripted model servers of the tests."""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler
from typing import Any


def _chunk(delta: dict[str, Any], finish: str | None) -> bytes:
    body = {"id": "c1", "object": "chat.completion.chunk", "created": 0, "model": "scripted",
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
    return f"data: {json.dumps(body)}\n\n".encode()


def send_completion(handler: BaseHTTPRequestHandler, message: dict[str, Any], finish: str) -> None:
    """Answer with one whole `chat.completion`."""
    payload = json.dumps({"id": "chatcmpl-1", "object": "chat.completion", "created": 0, "model": "scripted",
                          "choices": [{"index": 0, "message": message, "finish_reason": finish}],
                          "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}).encode()
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(payload)))
    handler.end_headers()
    handler.wfile.write(payload)


def send_stream(handler: BaseHTTPRequestHandler, message: dict[str, Any], finish: str) -> None:
    """Answer as Server-Sent Events: the first tool call in one chunk, or the text word by word."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/event-stream")
    handler.end_headers()
    if message.get("tool_calls"):
        handler.wfile.write(_chunk({"role": "assistant", "tool_calls": [{"index": 0, **message["tool_calls"][0]}]},
                                   None))
    else:
        for word in str(message.get("content") or "").split():
            handler.wfile.write(_chunk({"role": "assistant", "content": word + " "}, None))
    handler.wfile.write(_chunk({}, finish) + b"data: [DONE]\n\n")
