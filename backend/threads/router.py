"""HTTP endpoints for the caller's conversation threads."""

from __future__ import annotations

from fastapi import APIRouter, status

from backend.deps import CurrentAuthDep, DbSessionDep
from backend.threads.repository import ThreadRepository
from backend.threads.schemas import ThreadCreate, ThreadOut, ThreadUpdate

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
def get_thread(thread_id: str, current: CurrentAuthDep, db: DbSessionDep) -> ThreadOut:
    """One of the caller's threads."""
    thread = ThreadRepository(db=db).get_owned(user_id=current.user.id, thread_id=thread_id)
    return ThreadOut.model_validate(thread, from_attributes=True)


@router.patch("/{thread_id}")
def rename_thread(thread_id: str, body: ThreadUpdate, current: CurrentAuthDep, db: DbSessionDep) -> ThreadOut:
    """Rename one of the caller's threads."""
    repo = ThreadRepository(db=db)
    thread = repo.rename(repo.get_owned(user_id=current.user.id, thread_id=thread_id), title=body.title)
    return ThreadOut.model_validate(thread, from_attributes=True)


@router.delete("/{thread_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_thread(thread_id: str, current: CurrentAuthDep, db: DbSessionDep) -> None:
    """Delete one of the caller's threads."""
    repo = ThreadRepository(db=db)
    repo.delete(repo.get_owned(user_id=current.user.id, thread_id=thread_id))
