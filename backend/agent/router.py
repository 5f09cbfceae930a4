"""POST /ask and /ask/stream: one conversation turn through the caller's agent, and cancelling it."""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session

from backend.agent.context import agent_context
from backend.agent.schemas import AskRequest, AskResponse
from backend.deps import CurrentAuth, CurrentAuthDep, DbSessionDep, ServicesDep
from backend.errors import ServiceUnavailable
from backend.models import ConversationThread
from backend.models.base import utcnow
from backend.services import AppServices
from backend.threads.repository import DEFAULT_TITLE, ThreadRepository
from Graph import AgentContext, AgentEvent, AgentRunner, GraphError

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


def _prepare(body: AskRequest, current: CurrentAuth, db: Session, services: AppServices) -> AgentContext:
    """Resolve the thread, register the run (its stop event is the context's `cancel`), commit the preparation."""
    thread = _thread_for(body, current, db, services)
    if body.message and thread.title == DEFAULT_TITLE:
        first_line = " ".join(body.message.split())
        thread.title = first_line[:TITLE_LENGTH] + ("…" if len(first_line) > TITLE_LENGTH else "")
    thread.updated_at = utcnow()
    stop = services.agent_runs.start(thread.id)  # a busy thread answers 409 before anything is written
    try:
        context = agent_context(db, services, current, thread_id=thread.id, cancel=stop)
        # The run takes seconds to minutes and its tools write through sessions of their own (files, audit,
        # portal sessions): this request's writes land now rather than hold locks across the whole run.
        db.commit()
    except BaseException:
        services.agent_runs.finish(thread.id, stop)
        raise
    return context


@router.post("/ask")
def ask(body: AskRequest, current: CurrentAuthDep, db: DbSessionDep, services: ServicesDep) -> AskResponse:
    """Send a message (or approve / reject a pending booking) and get the whole answer."""
    runner = agent_runner(services)
    run = _prepare(body, current, db, services)
    try:
        if body.resume is not None:
            turn = runner.resume(thread_id=run.thread_id, decision=body.resume, context=run)
        else:
            turn = runner.ask(thread_id=run.thread_id, message=body.message or "", context=run)
    finally:
        services.agent_runs.finish(run.thread_id, run.cancel)
    return AskResponse(**turn.as_dict())


def _sse(event: str, data: dict[str, Any]) -> str:
    return f"event: {event}\ndata: {json.dumps(data, default=str)}\n\n"


@router.post("/ask/stream", response_class=StreamingResponse, responses={200: {
    "description": "Server-Sent Events: token, tool_start, tool_end, confirmation, final, error",
    "content": {"text/event-stream": {}},
}})
def ask_stream(body: AskRequest, current: CurrentAuthDep, db: DbSessionDep, services: ServicesDep) -> StreamingResponse:
    """The same turn as Server-Sent Events: token, tool_start, tool_end, confirmation, final, error."""
    runner = agent_runner(services)
    run = _prepare(body, current, db, services)
    events: queue.Queue[AgentEvent | None] = queue.Queue()

    def produce() -> None:
        # The run goes on if the client goes away (a reload): the thread keeps what was said.
        try:
            for event in runner.stream(thread_id=run.thread_id, message=body.message, decision=body.resume,
                                       context=run):
                events.put(event)
        except GraphError as exc:  # e.g. the thread was taken between the check and the run
            events.put(AgentEvent("error", {"code": exc.code, "message": str(exc)}))
        finally:
            services.agent_runs.finish(run.thread_id, run.cancel)
            events.put(None)

    threading.Thread(target=produce, name=f"agent-run-{run.thread_id[:8]}", daemon=True).start()

    def consume() -> Iterator[str]:
        yield _sse("thread", {"thread_id": run.thread_id})
        while (event := events.get()) is not None:
            yield _sse(event.kind, event.data)

    return StreamingResponse(consume(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


@router.post("/threads/{thread_id}/cancel")
def cancel(thread_id: str, current: CurrentAuthDep, db: DbSessionDep, services: ServicesDep) -> dict[str, bool]:
    """Stop the run going on in one of the caller's threads (on the server, not only the stream)."""
    ThreadRepository(db=db).get_owned(user_id=current.user.id, thread_id=thread_id)
    return {"cancelled": services.agent_runs.cancel(thread_id)}
