"""Test doubles of the portal use cases' outlets: files on disk or in memory, audit entries in a list."""

from __future__ import annotations

import re
import threading
import uuid
from pathlib import Path

from portal_service import StoredFile, file_url

AuditValue = str | int | bool | None
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class DirectoryFileStore:
    """Writes each file as `<id>-<name>` under a directory (as the app does, without the database)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def save(self, *, kind: str, filename: str, content_type: str, content: bytes) -> StoredFile:
        """Store the bytes and return the file's reference."""
        file_id = uuid.uuid4().hex
        safe = _UNSAFE.sub("_", filename) or "file"
        self.directory.mkdir(parents=True, exist_ok=True)
        (self.directory / f"{file_id}-{safe}").write_bytes(content)
        return StoredFile(id=file_id, filename=safe, kind=kind, url=file_url(file_id))


class MemoryFileStore:
    """Keeps each saved file's bytes by id."""

    def __init__(self) -> None:
        self.contents: dict[str, bytes] = {}
        self.saved: list[StoredFile] = []

    def save(self, *, kind: str, filename: str, content_type: str, content: bytes) -> StoredFile:
        """Keep the bytes; return the reference."""
        file_id = uuid.uuid4().hex
        stored = StoredFile(id=file_id, filename=filename, kind=kind, url=file_url(file_id))
        self.contents[file_id] = content
        self.saved.append(stored)
        return stored


class ListAuditTrail:
    """Keeps audit entries in memory."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, dict[str, AuditValue]]] = []
        self._lock = threading.Lock()

    def record(self, action: str, **detail: AuditValue) -> None:
        """Append one entry."""
        with self._lock:
            self.entries.append((action, detail))

    def actions(self) -> list[str]:
        """The recorded action names, oldest first."""
        with self._lock:
            return [action for action, _ in self.entries]
