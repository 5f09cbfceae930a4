"""POST /ask and /ask/stream: one conversation turn through the caller's agent; following it again, cancelling it."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session

from backend.agent.context import agent_context
from backend.agent.schemas import AskRequest, AskResponse, CancelOut
from backend.deps import CurrentAuth, CurrentAuthDep, DbSessionDep, ServicesDep
from backend.errors import ServiceUnavailable
from backend.models import ConversationThread
from backend.models.base import utcnow
from backend.services import AppServices
from backend.threads.repository import DEFAULT_TITLE, ThreadRepository
from Graph import (
    AgentEvent,
    AgentRun,
    AgentRunner,
    AgentTurn,
    NumberedEvent,
    RunError,
    RunFailedError,
    ThreadAssigned,
)

router = APIRouter(tags=["agent"])
TITLE_LENGTH = 60
EVENT_ID_LENGTH = 100
SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
# Both streams, as the OpenAPI schema shows them.
STREAM_RESPONSE: dict[int | str, dict[str, Any]] = {200: {
    "description": "Server-Sent Events: thread (first, on /ask/stream only), token, tool_start, tool_end, progress, "
                   "confirmation, final, error. Every event of the run has an `id:` line: send the last one you "
                   "received back to GET /threads/{thread_id}/stream (`Last-Event-ID`) to get the rest.",
    "content": {"text/event-stream": {}},
}}


def agent_runner(services: AppServices) -> AgentRunner:
    """The app's agent runner, or 503 when this server runs without one."""
    if services.agent_runner is None:
        raise ServiceUnavailable("The assistant is not running on this server.")
    runner: AgentRunner = services.agent_runner
    return runner


def _thread_for(body: AskRequest, current: CurrentAuth, db: Session, services: AppServices) -> ConversationThread:
    """The named thread, else the auth session's default thread, else a new one that becomes the default."""
    threads = ThreadRepository(db=db)
    if body.thread_id:
        return threads.get_owned(user_id=current.user.id, thread_id=body.thread_id)
    default_id = current.auth_session.default_thread_id
    if default_id:
        existing = db.get(ConversationThread, default_id)
        if existing is not None and existing.user_id == current.user.id:
            return existing
    thread = threads.create(user_id=current.user.id)
    services.auth_session_store.update_context(db=db, auth_session_id=current.auth_session.id,
                                               default_thread_id=thread.id)
    return thread


def _start(body: AskRequest, current: CurrentAuth, db: Session, services: AppServices) -> AgentRun:
    """Resolve the thread and start the run on it (409 when busy, before anything is written)."""
    runner = agent_runner(services)
    thread = _thread_for(body, current, db, services)

    def prepare(stop: threading.Event) -> Iterator[AgentEvent]:
        if body.message and thread.title == DEFAULT_TITLE:
            first_line = " ".join(body.message.split())
            thread.title = first_line[:TITLE_LENGTH] + ("…" if len(first_line) > TITLE_LENGTH else "")
        thread.updated_at = utcnow()
        context = agent_context(db, services, current, thread_id=thread.id, cancel=stop)
        # The run takes seconds to minutes and its tools write through sessions of their own (files, audit,
        # portal sessions): this request's writes land now rather than hold locks across the whole run.
        db.commit()
        return runner.stream(message=body.message, decision=body.resume, context=context)

    return services.agent_runs.start(thread.id, prepare)


@router.post("/ask")
def ask(body: AskRequest, current: CurrentAuthDep, db: DbSessionDep, services: ServicesDep) -> AskResponse:
    """Send a message (or approve / reject a pending booking) and get the whole answer."""
    outcome: AgentTurn | RunError = RunError(code="agent_failed",
                                             message="The assistant ended without an answer; try again.")
    for event in _start(body, current, db, services).events():  # read to the end: the thread is free after it
        if isinstance(event, AgentTurn | RunError):
            outcome = event
    if isinstance(outcome, RunError):
        raise RunFailedError(outcome.code, outcome.message)
    return AskResponse.model_validate(dict(outcome))


def _sse(event: AgentEvent | ThreadAssigned, event_id: str = "") -> str:
    line = f"id: {event_id}\n" if event_id else ""
    return f"{line}event: {event.kind}\ndata: {json.dumps(event.model_dump(mode='json'))}\n\n"


def _sse_events(events: Iterable[NumberedEvent]) -> Iterator[str]:
    for event_id, event in events:
        yield _sse(event, event_id)


@router.post("/ask/stream", response_class=StreamingResponse, responses=STREAM_RESPONSE)
def ask_stream(body: AskRequest, current: CurrentAuthDep, db: DbSessionDep, services: ServicesDep) -> StreamingResponse:
    """The same turn as Server-Sent Events: thread, token, tool_start, tool_end, confirmation, final, error."""
    run = _start(body, current, db, services)

    def consume() -> Iterator[str]:
        yield _sse(ThreadAssigned(thread_id=run.thread_id))
        yield from _sse_events(run.follow())

    return StreamingResponse(consume(), media_type="text/event-stream", headers=SSE_HEADERS)


@router.get("/threads/{thread_id}/stream", response_class=StreamingResponse, responses=STREAM_RESPONSE)
def follow_stream(
    thread_id: str, current: CurrentAuthDep, db: DbSessionDep, services: ServicesDep,
    last_event_id: Annotated[str | None, Header(
        max_length=EVENT_ID_LENGTH, description="The id of the last event received (as EventSource sends it).",
    )] = None,
    after: Annotated[str | None, Query(
        max_length=EVENT_ID_LENGTH, description="The same, for clients that cannot set headers.",
    )] = None,
) -> StreamingResponse:
    """The rest of the thread's current (or last) run after that event, live until it ends; empty when none."""
    ThreadRepository(db=db).get_owned(user_id=current.user.id, thread_id=thread_id)
    events = services.agent_runs.follow(thread_id, last_event_id or after)
    return StreamingResponse(_sse_events(events), media_type="text/event-stream", headers=SSE_HEADERS)


@router.post("/threads/{thread_id}/cancel")
def cancel(thread_id: str, current: CurrentAuthDep, db: DbSessionDep, services: ServicesDep) -> CancelOut:
    """Stop the run going on in one of the caller's threads (on the server, not only the stream)."""
    ThreadRepository(db=db).get_owned(user_id=current.user.id, thread_id=thread_id)
    return CancelOut(cancelled=services.agent_runs.cancel(thread_id))
