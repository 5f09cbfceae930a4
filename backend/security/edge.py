"""What every request passes before routing: the body-size limit, NUL bytes refused, trailing slashes, caller address.

NUL characters are valid JSON (`\\u0000`) and valid form data (`%00`) but no column or file name may hold
them; refusing them here, with a message, spares every schema and route from a driver error.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, unquote

from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backend.audit import current_client_address
from backend.errors import error_body

BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def _strings(value: Any) -> Iterator[str]:
    """Every string in a decoded JSON value, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def body_has_nul(body: bytes, content_type: str) -> bool:
    """Whether a JSON or form body carries a NUL character in any of its strings."""
    if "json" in content_type:
        if b"\\u0000" not in body and b"\x00" not in body:
            return False
        try:
            return any("\x00" in text for text in _strings(json.loads(body)))
        except ValueError:
            return False  # not JSON: validation answers 422 for it
    if "x-www-form-urlencoded" in content_type:
        text = body.decode("latin-1")
        return any("\x00" in part for pair in parse_qsl(text, keep_blank_values=True) for part in pair)
    return False


class EdgeMiddleware:
    """Refuses oversized bodies (413) and NUL characters (422) before routing; serves `/x/` as `/x`."""

    def __init__(self, app: ASGIApp, *, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        current_client_address.set(client[0] if client else None)
        path: str = scope["path"]
        if len(path) > 1 and path.endswith("/"):
            # Served under the address without the slash: no redirect, so no URL built from the Host header.
            raw_path: bytes = scope.get("raw_path") or path.encode()
            scope = {**scope, "path": path.rstrip("/") or "/", "raw_path": raw_path.rstrip(b"/") or b"/"}
        if "\x00" in scope["path"] or "\x00" in unquote(scope.get("query_string", b"").decode("latin-1")):
            await _refuse(scope, receive, send, 422, "invalid_input",
                          "The address contains a NUL character (%00); remove it.")
            return
        if scope["method"] not in BODY_METHODS:
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        declared = headers.get(b"content-length", b"").decode("latin-1")
        if declared.isdigit() and int(declared) > self.max_body_bytes:
            await _refuse(scope, receive, send, 413, "too_large", self._too_large())
            return
        body, more = await self._read_body(receive)
        if more:
            await _refuse(scope, receive, send, 413, "too_large", self._too_large())
            return
        if body_has_nul(body, headers.get(b"content-type", b"").decode("latin-1").lower()):
            await _refuse(scope, receive, send, 422, "invalid_input",
                          "A text field contains a NUL character (\\u0000); remove it.")
            return
        await self.app(scope, _replay(body, receive), send)

    def _too_large(self) -> str:
        return f"The request body is larger than {self.max_body_bytes} bytes; send less."

    async def _read_body(self, receive: Receive) -> tuple[bytes, bool]:
        """The body, and True when it went past the limit (reading stops there)."""
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return b"".join(chunks), False
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body_bytes:
                return b"", True
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks), False


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive that hands over the buffered body once, then the real channel (to notice disconnects)."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _refuse(scope: Scope, receive: Receive, send: Send, status_code: int, code: str, message: str) -> None:
    response = JSONResponse(error_body(code, message), status_code=status_code)
    await response(scope, receive, send)
