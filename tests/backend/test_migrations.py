"""The migrations build the schema the models describe, on SQLite and PostgreSQL, and undo it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect

from backend.database import build_engine
from backend.migrate import alembic_config, upgrade_to_head
from backend.models import Base
from tests.support.services import fresh_postgres_database, sqlite_url

TRANSCRIPT = "conversation_messages"


@pytest.fixture(params=["sqlite", "postgres"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "postgres":
        with fresh_postgres_database() as url:
            engine = build_engine(url)
            yield engine
            engine.dispose()
    else:
        engine = build_engine(sqlite_url(tmp_path))
        yield engine
        engine.dispose()


def differences(engine: Engine, table: str) -> list[object]:
    """What autogenerate would still change about `table` after the migrations ran."""
    with engine.connect() as connection:
        found = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}), Base.metadata)
    return [change for change in found if table in repr(change)]


def migrate(engine: Engine, action: str, revision: str) -> None:
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        getattr(command, action)(config, revision)


def test_the_transcript_table_is_what_its_model_says(engine: Engine) -> None:
    assert differences(engine, TRANSCRIPT) != []  # the comparison sees the table (missing before migrating)
    upgrade_to_head(engine)
    assert differences(engine, TRANSCRIPT) == []
    migrate(engine, "downgrade", "0002")
    assert TRANSCRIPT not in inspect(engine).get_table_names()
    migrate(engine, "upgrade", "head")
    assert TRANSCRIPT in inspect(engine).get_table_names()


def test_portal_sessions_keep_where_their_browser_lives(engine: Engine) -> None:
    upgrade_to_head(engine)
    assert differences(engine, "portal_sessions") == []
    columns = {c["name"] for c in inspect(engine).get_columns("portal_sessions")}
    assert {"webdriver_session_id", "grid_url"} <= columns
    migrate(engine, "downgrade", "0004")
    columns = {c["name"] for c in inspect(engine).get_columns("portal_sessions")}
    assert not {"webdriver_session_id", "grid_url"} & columns
    migrate(engine, "upgrade", "head")
    assert differences(engine, "portal_sessions") == []
