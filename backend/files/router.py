"""Downloading one's own files."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import FileResponse

from backend.deps import CurrentAuthDep, DbSessionDep, ServicesDep
from backend.files.repository import FileRepository

router = APIRouter(prefix="/files", tags=["files"])


@router.get("/{file_id}")
def download_file(file_id: str, current: CurrentAuthDep, db: DbSessionDep, services: ServicesDep) -> FileResponse:
    """Download one of the caller's files."""
    repo = FileRepository(db=db, files_dir=services.settings.files_dir)
    stored = repo.get_owned(user_id=current.user.id, file_id=file_id)
    return FileResponse(stored.path, media_type=stored.content_type, filename=stored.filename)
