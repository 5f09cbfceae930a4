"""Reading the API's Server-Sent Events as a client does: (id, event name, data) per event."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx

Sse = tuple[str, str, dict[str, Any]]


def read_sse(response: httpx.Response) -> Iterator[Sse]:
    """Each event of a `text/event-stream` response as it arrives."""
    event_id, name = "", ""
    for line in response.iter_lines():
        if line.startswith("id: "):
            event_id = line.removeprefix("id: ")
        elif line.startswith("event: "):
            name = line.removeprefix("event: ")
        elif line.startswith("data: "):
            yield event_id, name, json.loads(line.removeprefix("data: "))
        elif not line:
            event_id, name = "", ""


def follow(http: httpx.Client, thread_id: str, last_event_id: str = "", *, query: bool = False) -> list[Sse]:
    """GET /threads/{id}/stream from that id (as the Last-Event-ID header, or the `after` parameter) to the end."""
    headers = {"Last-Event-ID": last_event_id} if last_event_id and not query else {}
    params = {"after": last_event_id} if last_event_id and query else {}
    with http.stream("GET", f"/threads/{thread_id}/stream", headers=headers, params=params) as response:
        assert response.status_code == 200, response.read()
        assert response.headers["content-type"].startswith("text/event-stream")
        return list(read_sse(response))
