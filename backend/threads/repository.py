"""Queries and changes on conversation threads, always scoped to their owner."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.errors import NotFound
from backend.models import ConversationThread
from backend.models.base import utcnow

DEFAULT_TITLE = "New conversation"


class ThreadRepository:
    """Conversation threads of one owner."""

    def __init__(self, *, db: Session):
        self._db = db

    def list(self, *, user_id: int) -> list[ConversationThread]:
        """The owner's threads, most recently active first."""
        query = (
            select(ConversationThread)
            .where(ConversationThread.user_id == user_id)
            .order_by(ConversationThread.updated_at.desc())
        )
        return list(self._db.scalars(query))

    def get_owned(self, *, user_id: int, thread_id: str) -> ConversationThread:
        """One of the owner's threads; 404 for a missing one or another user's."""
        thread = self._db.get(ConversationThread, thread_id)
        if thread is None or thread.user_id != user_id:
            raise NotFound(f"No conversation thread {thread_id} among yours.")
        return thread

    def create(self, *, user_id: int, title: str | None = None) -> ConversationThread:
        """Start a thread."""
        thread = ConversationThread(user_id=user_id, title=title or DEFAULT_TITLE)
        self._db.add(thread)
        self._db.flush()
        return thread

    def rename(self, thread: ConversationThread, *, title: str) -> ConversationThread:
        """Give a thread a new title."""
        thread.title = title
        thread.updated_at = utcnow()
        return thread

    def delete(self, thread: ConversationThread) -> None:
        """Remove a thread's record."""
        self._db.delete(thread)
        self._db.flush()
