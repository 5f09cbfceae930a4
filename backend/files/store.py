"""The one `FileStore` of the app: files in the files folder, recorded for their owner, each in its own transaction."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from backend.files.repository import FileRepository
from portal_service import StoredFile, file_url


class DatabaseFileStore:
    """Stores a produced file for one user (linked to the agent's thread when there is one)."""

    def __init__(self, *, session_factory: sessionmaker[Session], files_dir: Path, user_id: int,
                 thread_id: str | None = None) -> None:
        self._session_factory = session_factory
        self._files_dir = files_dir
        self._user_id = user_id
        self._thread_id = thread_id

    def save(self, *, kind: str, filename: str, content_type: str, content: bytes) -> StoredFile:
        """Write the file, commit its record now (the link must work even if the caller fails later)."""
        with self._session_factory.begin() as db:
            stored = FileRepository(db=db, files_dir=self._files_dir).add(
                user_id=self._user_id, kind=kind, filename=filename, content_type=content_type, content=content,
                thread_id=self._thread_id)
            return StoredFile(id=stored.id, filename=stored.filename, kind=kind, url=file_url(stored.id))
