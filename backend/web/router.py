"""Serves the chat page at `/` and its assets under `/web/` (no CDN, no build step)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

from backend.errors import NotFound

STATIC_DIR = Path(__file__).parent / "static"

MEDIA_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml"}

# The page's modules, style sheet and icon, listed once at import: only these are served, so no path from the URL
# ever reaches the file system, and a new module needs no entry here.
ASSETS: dict[str, str] = {
    path.name: MEDIA_TYPES[path.suffix] for path in sorted(STATIC_DIR.iterdir()) if path.suffix in MEDIA_TYPES
}

# The page is small and changes with each release; revalidating is cheaper than a stale script.
NO_CACHE = {"Cache-Control": "no-cache"}

router = APIRouter(tags=["web"], include_in_schema=False)


@router.get("/")
def index() -> FileResponse:
    """The chat page."""
    return FileResponse(STATIC_DIR / "index.html", media_type="text/html; charset=utf-8", headers=NO_CACHE)


@router.get("/web/{asset}")
def asset(asset: str) -> FileResponse:
    """One of the page's scripts, its style sheet or its icon."""
    media_type = ASSETS.get(asset)
    if media_type is None:
        raise NotFound(f"No web asset {asset}.")
    return FileResponse(STATIC_DIR / asset, media_type=media_type, headers=NO_CACHE)
