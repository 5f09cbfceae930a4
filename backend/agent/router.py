"""POST /ask and /ask/stream: one conversation turn through the caller's agent, and cancelling it."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator

from fastapi import APIRouter
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
from Graph import AgentEvent, AgentRun, AgentRunner, AgentTurn, RunError, RunFailedError, ThreadAssigned

router = APIRouter(tags=["agent"])
TITLE_LENGTH = 60


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


def _sse(event: AgentEvent | ThreadAssigned) -> str:
    return f"event: {event.kind}\ndata: {json.dumps(event.model_dump(mode='json'))}\n\n"


@router.post("/ask/stream", response_class=StreamingResponse, responses={200: {
    "description": "Server-Sent Events: token, tool_start, tool_end, confirmation, final, error",
    "content": {"text/event-stream": {}},
}})
def ask_stream(body: AskRequest, current: CurrentAuthDep, db: DbSessionDep, services: ServicesDep) -> StreamingResponse:
    """The same turn as Server-Sent Events: thread, token, tool_start, tool_end, confirmation, final, error."""
    run = _start(body, current, db, services)

    def consume() -> Iterator[str]:
        yield _sse(ThreadAssigned(thread_id=run.thread_id))
        for event in run.events():
            yield _sse(event)

    return StreamingResponse(consume(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


@router.post("/threads/{thread_id}/cancel")
def cancel(thread_id: str, current: CurrentAuthDep, db: DbSessionDep, services: ServicesDep) -> CancelOut:
    """Stop the run going on in one of the caller's threads (on the server, not only the stream)."""
    ThreadRepository(db=db).get_owned(user_id=current.user.id, thread_id=thread_id)
    return CancelOut(cancelled=services.agent_runs.cancel(thread_id))
