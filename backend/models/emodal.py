"""E-Modal accounts a user stores, and the portal sessions (logged-in browsers) opened with them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, LargeBinary, String, false
from sqlalchemy.orm import Mapped, mapped_column

from backend.models.base import Base, UTCDateTime, utcnow


class EModalAccount(Base):
    """Credentials for the E-Modal portal; password and captcha key are encrypted at rest."""

    __tablename__ = "emodal_accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(100))
    username: Mapped[str] = mapped_column(String(150))
    password_encrypted: Mapped[bytes] = mapped_column(LargeBinary)
    captcha_api_key_encrypted: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # The account the user last chose: selected again in every new auth session (login) of theirs.
    is_default: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class PortalSessionRow(Base):
    """The persisted id of a browser logged into E-Modal with one account."""

    __tablename__ = "portal_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("emodal_accounts.id", ondelete="CASCADE"), index=True, nullable=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    portal_session_id: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="active")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # Where the browser lives when it runs on a Selenium Grid: any API replica re-attaches to it by these.
    webdriver_session_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    grid_url: Mapped[str | None] = mapped_column(String(500), nullable=True)
