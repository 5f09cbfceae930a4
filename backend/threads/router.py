"""HTTP endpoints for the caller's conversation threads."""

from __future__ import annotations

from fastapi import APIRouter, status
from sqlalchemy import select

from backend.deps import CurrentAuthDep, DbSessionDep, ServicesDep
from backend.models import StoredFile as FileRecord
from backend.threads.repository import ThreadRepository
from backend.threads.schemas import ThreadCreate, ThreadDetailOut, ThreadOut, ThreadUpdate
from portal_service import StoredFile, file_url

router = APIRouter(prefix="/threads", tags=["threads"])


@router.get("")
def list_threads(current: CurrentAuthDep, db: DbSessionDep) -> list[ThreadOut]:
    """The caller's threads, most recent first."""
    return [ThreadOut.model_validate(t, from_attributes=True)
            for t in ThreadRepository(db=db).list(user_id=current.user.id)]


@router.post("", status_code=status.HTTP_201_CREATED)
def create_thread(body: ThreadCreate, current: CurrentAuthDep, db: DbSessionDep) -> ThreadOut:
    """Start a new conversation thread."""
    thread = ThreadRepository(db=db).create(user_id=current.user.id, title=body.title)
    return ThreadOut.model_validate(thread, from_attributes=True)


@router.get("/{thread_id}")
def get_thread(thread_id: str, current: CurrentAuthDep, db: DbSessionDep, services: ServicesDep) -> ThreadDetailOut:
    """One of the caller's threads: messages with tool calls, files, and any booking awaiting approval."""
    thread = ThreadRepository(db=db).get_owned(user_id=current.user.id, thread_id=thread_id)
    runner = services.agent_runner
    files = db.scalars(select(FileRecord)
                       .where(FileRecord.thread_id == thread.id, FileRecord.user_id == current.user.id)
                       .order_by(FileRecord.created_at))
    return ThreadDetailOut(
        id=thread.id, title=thread.title, created_at=thread.created_at, updated_at=thread.updated_at,
        messages=runner.history(thread.id) if runner else [],
        files=[StoredFile(id=f.id, filename=f.filename, kind=f.kind, url=file_url(f.id)) for f in files],
        pending_confirmation=runner.pending_confirmation(thread.id) if runner else None,
        running=services.agent_runs.is_running(thread.id),
    )


@router.patch("/{thread_id}")
def rename_thread(thread_id: str, body: ThreadUpdate, current: CurrentAuthDep, db: DbSessionDep) -> ThreadOut:
    """Rename one of the caller's threads."""
    repo = ThreadRepository(db=db)
    thread = repo.rename(repo.get_owned(user_id=current.user.id, thread_id=thread_id), title=body.title)
    return ThreadOut.model_validate(thread, from_attributes=True)


@router.delete("/{thread_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_thread(thread_id: str, current: CurrentAuthDep, db: DbSessionDep, services: ServicesDep) -> None:
    """Delete one of the caller's threads and its conversation checkpoints."""
    repo = ThreadRepository(db=db)
    thread = repo.get_owned(user_id=current.user.id, thread_id=thread_id)
    # Held like a run, so no ask can start on the thread while it is being deleted (409 if one is running).
    with services.agent_runs.hold(thread.id):
        repo.delete(thread)
        db.commit()
        if services.agent_runner is not None:
            services.agent_runner.delete_thread(thread.id)
