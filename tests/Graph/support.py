"""Helpers of the agent tests: a context for a sandbox account, checkpoint files, a runner per test."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from EModal import PortalSessionPool
from Graph import AgentContext
from tests.EModal.support import credentials
from Tools import DirectoryFileSink, ListAuditSink, PoolPortalAccess


def portal_access(pool: PortalSessionPool, username: str = "dispatch1") -> PoolPortalAccess:
    """The sandbox account as the backend would hand it to the agent."""
    return PoolPortalAccess(pool, account_key=f"acct-{username}", credentials=credentials(username),
                            account_label=f"{username} (sandbox)")


def make_context(portal: PoolPortalAccess | None, files_dir: Path, thread_id: str, *, user_id: int = 1,
                 today: date | None = None, audit: ListAuditSink | None = None) -> AgentContext:
    """A run context with files under `files_dir` and an in-memory audit log."""
    return AgentContext(user_id=user_id, auth_session_id=f"auth-{user_id}", thread_id=thread_id, portal=portal,
                        files=DirectoryFileSink(files_dir), audit=audit or ListAuditSink(), today=today)
