"""A thread's transcript in the app's database: the messages the agent's state no longer keeps, each stored once."""

from __future__ import annotations

from collections.abc import Sequence

from langchain_core.messages import BaseMessage, message_to_dict, messages_from_dict
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from backend.models import ConversationMessage


class SqlTranscript:
    """The `Graph.transcript.Transcript` of the app: rows of `conversation_messages`, in insertion order."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        # Runs write from worker threads while no request holds the thread: each call has its own database session.
        self._session_factory = session_factory

    def append(self, thread_id: str, messages: Sequence[BaseMessage]) -> None:
        """Store the messages whose id this thread has not stored yet (a retried archive stores nothing twice)."""
        ids = [str(m.id) for m in messages if m.id]
        with self._session_factory() as db:
            stored = set(db.scalars(select(ConversationMessage.message_id).where(
                ConversationMessage.thread_id == thread_id, ConversationMessage.message_id.in_(ids))))
            fresh = [m for m in messages if m.id and str(m.id) not in stored]
            db.add_all(ConversationMessage(thread_id=thread_id, message_id=str(m.id), data=message_to_dict(m))
                       for m in fresh)
            try:
                db.commit()
            except IntegrityError:  # stored meanwhile by another process: the unique key kept it once
                db.rollback()

    def messages(self, thread_id: str) -> list[BaseMessage]:
        """Every stored message of the thread, oldest first."""
        with self._session_factory() as db:
            rows = db.scalars(select(ConversationMessage.data).where(ConversationMessage.thread_id == thread_id)
                              .order_by(ConversationMessage.id))
            return messages_from_dict(list(rows))

    def delete(self, thread_id: str) -> None:
        """Forget the thread's messages."""
        with self._session_factory() as db:
            db.execute(delete(ConversationMessage).where(ConversationMessage.thread_id == thread_id))
            db.commit()
