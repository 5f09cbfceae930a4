"""Where tools store files and audit entries: the database, each write in its own short transaction."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from backend.audit import current_client_address, record_action
from backend.files.repository import FileRepository
from Tools import FileRef


class DatabaseFileSink:
    """Stores a tool's file for the user who asked, linked to the thread."""

    def __init__(self, *, session_factory: sessionmaker[Session], files_dir: Path, user_id: int, thread_id: str):
        self._session_factory = session_factory
        self._files_dir = files_dir
        self._user_id = user_id
        self._thread_id = thread_id

    def save(self, kind: str, filename: str, content_type: str, content: bytes) -> FileRef:
        """Write the file and return its download link."""
        with self._session_factory.begin() as db:
            stored = FileRepository(db=db, files_dir=self._files_dir).add(
                user_id=self._user_id, kind=kind, filename=filename, content_type=content_type, content=content,
                thread_id=self._thread_id)
            return FileRef(id=stored.id, url=f"/files/{stored.id}", filename=stored.filename, kind=kind)


class DatabaseAuditSink:
    """Appends the agent's consequential actions to the audit log."""

    def __init__(self, *, session_factory: sessionmaker[Session], user_id: int, thread_id: str):
        self._session_factory = session_factory
        self._user_id = user_id
        self._thread_id = thread_id
        # Built in the request: the run's own threads no longer know the caller's address.
        self._client_address = current_client_address.get()

    def record(self, action: str, **detail: Any) -> None:
        """Write one entry now (a booking must be on record even if the run fails afterwards)."""
        # Who and where come from this sink, never from the caller.
        detail = {k: v for k, v in detail.items() if k not in ("user_id", "thread_id", "via")}
        with self._session_factory.begin() as db:
            record_action(db, user_id=self._user_id, action=action, thread_id=self._thread_id, via="agent",
                          client_address=self._client_address, **detail)
