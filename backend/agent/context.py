"""Building the per-run context a request hands to the agent: its portal access, file store, audit trail."""

from __future__ import annotations

import threading

from sqlalchemy.orm import Session

from backend.accounts.repository import AccountRepository
from backend.accounts.selection import selected_account
from backend.audit import DatabaseAuditTrail
from backend.deps import CurrentAuth
from backend.files.store import DatabaseFileStore
from backend.portal.account_keys import stored_account_key
from backend.services import AppServices
from EModal import Credentials
from Graph import AgentContext
from portal_service import AccountPortalAccess


def portal_access(db: Session, services: AppServices, current: CurrentAuth) -> AccountPortalAccess | None:
    """The caller's E-Modal account (chosen, default or only one) as the tools may use it; None when there is none."""
    account = selected_account(db, services.auth_session_store, current)
    if account is None or services.portal_pool is None:
        return None
    stored = AccountRepository(db=db, secrets_box=services.secrets_box).credentials(account)
    return AccountPortalAccess(
        services.portal_pool,
        account_key=stored_account_key(account.id),
        credentials=Credentials(stored.username, stored.password, stored.captcha_api_key),
        account_label=account.label,
    )


def agent_context(
    db: Session, services: AppServices, current: CurrentAuth, *, thread_id: str, cancel: threading.Event
) -> AgentContext:
    """Everything the graph's tools may reach during one run, for this user only."""
    return AgentContext(
        user_id=current.user.id,
        auth_session_id=current.auth_session.id,
        thread_id=thread_id,
        portal=portal_access(db, services, current),
        files=DatabaseFileStore(session_factory=services.session_factory, files_dir=services.settings.files_dir,
                                user_id=current.user.id, thread_id=thread_id),
        audit=DatabaseAuditTrail(session_factory=services.session_factory, user_id=current.user.id,
                                 channel="agent", thread_id=thread_id),
        cancel=cancel,
        terminal_timezone=services.settings.terminal_timezone,
    )
