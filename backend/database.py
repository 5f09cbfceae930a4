"""SQLAlchemy engine and the per-request database session (one unit of work, committed in one place)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

AFTER_COMMIT_KEY = "after_commit_callbacks"


def build_engine(url: str) -> Engine:
    """Create the engine; SQLite gets its folder, foreign keys and a busy timeout."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def build_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that run registered callbacks only once their transaction has committed."""
    factory = sessionmaker(bind=engine, expire_on_commit=False)

    @event.listens_for(factory, "after_commit")
    def _run_after_commit(db_session: Session) -> None:
        callbacks = db_session.info.pop(AFTER_COMMIT_KEY, [])
        for callback in callbacks:
            callback()

    @event.listens_for(factory, "after_rollback")
    def _drop_after_commit(db_session: Session) -> None:
        db_session.info.pop(AFTER_COMMIT_KEY, None)

    return factory


def on_commit(db_session: Session, callback: Callable[[], object]) -> None:
    """Run `callback` after `db_session` commits; forget it if the transaction rolls back."""
    db_session.info.setdefault(AFTER_COMMIT_KEY, []).append(callback)


def unit_of_work(factory: sessionmaker[Session]) -> Iterator[Session]:
    """Yield a database session, commit it if the work succeeded, roll it back otherwise."""
    db_session = factory()
    try:
        yield db_session
        db_session.commit()
    except BaseException as exc:
        # An error may ask to keep what was written before it (a revocation on token reuse).
        if getattr(exc, "keep_changes", False):
            db_session.commit()
        else:
            db_session.rollback()
        raise
    finally:
        db_session.close()
