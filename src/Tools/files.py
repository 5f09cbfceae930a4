"""A file sink over a local directory, for the command line, tests and benchmarks."""

from __future__ import annotations

import re
import threading
import uuid
from pathlib import Path
from typing import Any

from Tools.context import FileRef

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class DirectoryFileSink:
    """Writes each file under `directory` and links it as `url_prefix/<id>`."""

    def __init__(self, directory: Path, url_prefix: str = "/files") -> None:
        self.directory = directory
        self.url_prefix = url_prefix.rstrip("/")
        self.saved: list[FileRef] = []
        self._lock = threading.Lock()

    def save(self, kind: str, filename: str, content_type: str, content: bytes) -> FileRef:
        """Store the bytes and return the file's reference."""
        file_id = uuid.uuid4().hex
        safe = _UNSAFE.sub("_", filename) or "file"
        self.directory.mkdir(parents=True, exist_ok=True)
        (self.directory / f"{file_id}-{safe}").write_bytes(content)
        ref = FileRef(id=file_id, url=f"{self.url_prefix}/{file_id}", filename=safe, kind=kind)
        with self._lock:
            self.saved.append(ref)
        return ref

    def path_of(self, ref: FileRef) -> Path:
        """Where a saved file lives on disk."""
        return self.directory / f"{ref.id}-{ref.filename}"


class ListAuditSink:
    """Keeps audit entries in memory (tests, command line)."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, dict[str, Any]]] = []
        self._lock = threading.Lock()

    def record(self, action: str, **detail: Any) -> None:
        """Append one entry."""
        with self._lock:
            self.entries.append((action, detail))

    def actions(self) -> list[str]:
        """The recorded action names, oldest first."""
        with self._lock:
            return [action for action, _ in self.entries]
