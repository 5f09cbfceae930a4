"""Opening the conversation checkpointer from the database URL: SQLite file or pooled PostgreSQL."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from langgraph.checkpoint.base import BaseCheckpointSaver

CHECKPOINT_FILE = "checkpoints.db"


def _postgres_conninfo(database_url: str) -> str:
    """A libpq URL from a SQLAlchemy one (`postgresql+psycopg://` -> `postgresql://`)."""
    scheme, rest = database_url.split("://", 1)
    return "postgresql://" + rest if scheme.startswith("postgres") else database_url


@contextmanager
def open_checkpointer(database_url: str, data_dir: Path, *, pool_size: int = 10) -> Iterator[BaseCheckpointSaver[Any]]:
    """A checkpointer for the app's lifetime: PostgreSQL when the URL says so, else `data_dir/checkpoints.db`."""
    if database_url.startswith(("postgresql", "postgres")):
        from langgraph.checkpoint.postgres import PostgresSaver
        from psycopg.rows import dict_row
        from psycopg_pool import ConnectionPool

        kwargs = {"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row}
        with ConnectionPool(_postgres_conninfo(database_url), min_size=1, max_size=pool_size, kwargs=kwargs,
                            open=True) as pool:
            saver = PostgresSaver(pool)  # type: ignore[arg-type]
            saver.setup()
            yield saver
        return
    from langgraph.checkpoint.sqlite import SqliteSaver

    data_dir.mkdir(parents=True, exist_ok=True)
    # The saver serialises access with its own lock, so one connection may serve every worker thread.
    connection = sqlite3.connect(data_dir / CHECKPOINT_FILE, check_same_thread=False)
    try:
        saver_sqlite = SqliteSaver(connection)
        saver_sqlite.setup()
        yield saver_sqlite
    finally:
        connection.close()
