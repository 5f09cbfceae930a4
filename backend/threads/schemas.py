"""Request and response bodies of the thread endpoints."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from Graph import BookingConfirmation, HistoryMessage
from portal_service.files import StoredFile


class ThreadCreate(BaseModel):
    """A new thread, optionally titled."""

    title: str | None = Field(default=None, min_length=1, max_length=200)


class ThreadUpdate(BaseModel):
    """A thread's new title."""

    title: str = Field(min_length=1, max_length=200)


class ThreadOut(BaseModel):
    """A thread as the API shows it."""

    id: str
    title: str
    created_at: datetime
    updated_at: datetime


class ThreadDetailOut(ThreadOut):
    """A thread with what was said in it, its files, and a booking waiting for approval."""

    messages: list[HistoryMessage]
    files: list[StoredFile]
    pending_confirmation: BookingConfirmation | None
    running: bool
