"""Persistence of portal sessions: the pool reports, this writes each event in its own transaction."""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from backend.models import EModalAccount, PortalSessionRow
from backend.models.base import utcnow
from backend.portal.account_keys import parse_account_key
from backend.portal.records import LIVE_STATUSES
from EModal import RemoteSession

logger = logging.getLogger(__name__)


class DatabasePortalSessionRecorder:
    """Implements the connector's `PortalSessionRecorder` over the `portal_sessions` table."""

    def __init__(self, session_factory: sessionmaker[Session]):
        self._session_factory = session_factory

    def _owner(self, db: Session, account_key: str) -> tuple[int | None, int | None]:
        owner = parse_account_key(account_key)
        if owner.account_id is None:
            return owner.user_id, None
        account = db.get(EModalAccount, owner.account_id)
        return (account.user_id if account else None), owner.account_id

    def _live_rows(self, db: Session, account_key: str) -> list[PortalSessionRow]:
        user_id, account_id = self._owner(db, account_key)
        query = select(PortalSessionRow).where(PortalSessionRow.status.in_(LIVE_STATUSES))
        if account_id is not None:
            query = query.where(PortalSessionRow.account_id == account_id)
        else:
            query = query.where(PortalSessionRow.user_id == user_id, PortalSessionRow.account_id.is_(None))
        return list(db.scalars(query.order_by(PortalSessionRow.last_used_at.desc())))

    def find_live_portal_session(self, account_key: str) -> str | None:
        """The persisted live portal session id of an account, if any."""
        with self._session_factory() as db:
            rows = self._live_rows(db, account_key)
            return rows[0].portal_session_id if rows else None

    def portal_session_started(self, account_key: str, portal_session_id: str, *,
                               remote: RemoteSession | None = None) -> None:
        """Save a new live portal session, with where its browser lives when it is on a Grid."""
        with self._session_factory.begin() as db:
            user_id, account_id = self._owner(db, account_key)
            if user_id is None:
                return  # the account was deleted while its browser logged in
            db.add(PortalSessionRow(user_id=user_id, account_id=account_id, portal_session_id=portal_session_id,
                                    status="active", webdriver_session_id=remote and remote.webdriver_session_id,
                                    grid_url=remote and remote.executor_url))

    def portal_session_replaced(self, account_key: str, old_id: str, new_id: str, *,
                                remote: RemoteSession | None = None) -> None:
        """Clear the old id, then save the new one, each committed on its own."""
        self._set_status(old_id, "replaced")
        self.portal_session_started(account_key, new_id, remote=remote)

    def portal_session_used(self, account_key: str, portal_session_id: str) -> None:
        """Record the time of last use."""
        with self._session_factory.begin() as db:
            row = db.scalar(select(PortalSessionRow).where(PortalSessionRow.portal_session_id == portal_session_id))
            if row is not None:
                row.last_used_at = utcnow()
            account_id = parse_account_key(account_key).account_id
            account = db.get(EModalAccount, account_id) if account_id is not None else None
            if account is not None:
                account.last_used_at = utcnow()

    def portal_session_closed(self, account_key: str, portal_session_id: str, reason: str) -> None:
        """Mark the portal session gone."""
        self._set_status(portal_session_id, "expired" if "logged out" in reason else "closed")

    def _set_status(self, portal_session_id: str, status: str) -> None:
        with self._session_factory.begin() as db:
            row = db.scalar(select(PortalSessionRow).where(PortalSessionRow.portal_session_id == portal_session_id))
            if row is not None and row.status in LIVE_STATUSES:
                row.status = status
                row.closed_at = utcnow()
