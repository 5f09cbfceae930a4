"""Helpers of the agent tests: a context for a sandbox account, a file store on disk, an audit trail in memory."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from EModal import PortalSessionPool
from Graph import AgentContext
from portal_service.access import AccountPortalAccess
from tests.EModal.support import credentials
from tests.support.doubles import DirectoryFileStore, ListAuditTrail

__all__ = ["DirectoryFileStore", "ListAuditTrail", "make_context", "portal_access"]


def portal_access(pool: PortalSessionPool, username: str = "dispatch1") -> AccountPortalAccess:
    """The sandbox account as the backend would hand it to the agent."""
    return AccountPortalAccess(pool, account_key=f"acct-{username}", credentials=credentials(username),
                               account_label=f"{username} (sandbox)")


def make_context(portal: AccountPortalAccess | None, files_dir: Path, thread_id: str, *, user_id: int = 1,
                 today: date | None = None, audit: ListAuditTrail | None = None) -> AgentContext:
    """A run context with files under `files_dir` and an in-memory audit trail."""
    return AgentContext(user_id=user_id, auth_session_id=f"auth-{user_id}", thread_id=thread_id, portal=portal,
                        files=DirectoryFileStore(files_dir), audit=audit or ListAuditTrail(), today=today)
