"""Conversations survive a restart on both checkpointers: a SQLite file and pooled PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from Graph import AgentRunner, open_checkpointer
from LLM import OfflineChatModel
from tests.Graph.support import make_context
from tests.support.services import fresh_postgres_database
from Tools import TOOLS


def converse_across_a_restart(database_url: str, data_dir: Path) -> None:
    context = make_context(None, data_dir / "files", "t")
    with open_checkpointer(database_url, data_dir) as checkpointer:
        runner = AgentRunner(model=OfflineChatModel().bind_tools(TOOLS), checkpointer=checkpointer)
        runner.ask(message="help", context=context)
    with open_checkpointer(database_url, data_dir) as checkpointer:
        runner = AgentRunner(model=OfflineChatModel().bind_tools(TOOLS), checkpointer=checkpointer)
        runner.ask(message="what can you do?", context=context)
        assert [m.content for m in runner.history("t") if m.role == "user"] == ["help", "what can you do?"]
        runner.delete_thread("t")
        assert runner.history("t") == []


def test_sqlite_file_in_the_data_dir(tmp_path: Path) -> None:
    converse_across_a_restart("sqlite:///elsewhere/app.db", tmp_path)
    assert (tmp_path / "checkpoints.db").exists()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    with fresh_postgres_database() as url:
        yield url


@pytest.mark.postgres
def test_postgres_pool(postgres_url: str, tmp_path: Path) -> None:
    assert postgres_url.startswith("postgresql")
    converse_across_a_restart(postgres_url, tmp_path)
    assert not (tmp_path / "checkpoints.db").exists()
