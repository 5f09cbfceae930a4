"""Storing and finding a user's files."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from backend.errors import NotFound
from backend.models import StoredFile


class FileRepository:
    """Files of one owner, kept under the configured files folder."""

    def __init__(self, *, db: Session, files_dir: Path):
        self._db = db
        self._files_dir = files_dir

    def get_owned(self, *, user_id: int, file_id: str) -> StoredFile:
        """One of the owner's files; 404 for a missing one or another user's."""
        stored = self._db.get(StoredFile, file_id)
        if stored is None or stored.user_id != user_id or not Path(stored.path).is_file():
            raise NotFound(f"No file {file_id} among yours.")
        return stored

    def add(
        self, *, user_id: int, kind: str, filename: str, content_type: str, content: bytes,
        thread_id: str | None = None,
    ) -> StoredFile:
        """Write `content` to the files folder and record it for its owner."""
        stored = StoredFile(user_id=user_id, kind=kind, filename=filename, content_type=content_type,
                            path="", size_bytes=len(content), thread_id=thread_id)
        self._db.add(stored)
        self._db.flush()
        folder = self._files_dir / str(user_id)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{stored.id}{Path(filename).suffix}"
        path.write_bytes(content)
        stored.path = str(path.resolve())
        return stored
