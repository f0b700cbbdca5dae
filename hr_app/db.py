"""The one place that knows how to open a database session."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from sqlalchemy import Engine, event
from sqlmodel import Session, create_engine

from hr_app.config import get_settings


def _enable_sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _open_search_index(dbapi_connection, _record, _proxy) -> None:  # noqa: ANN001
    """At each checkout, open the CV search's FTS5 table (decision 71). SQLite 3.40 fails "no such table:
    user_cv_data" when a connection whose schema went stale (another connection changed it: a migration, the
    suite's clean-up) first reaches the table through a trigger fired by an UPDATE of a foreign-key column (a
    CV's job_title_id); a plain statement on the table first reloads the schema and the error never comes."""
    with contextlib.suppress(sqlite3.OperationalError):  # a database not migrated to revision 0007 yet
        dbapi_connection.execute("SELECT 1 FROM cv_search_fts LIMIT 0")


def _pool_size(db_concurrency: int) -> int:
    """Every admitted API request (2 x DB_CONCURRENCY) holds at most one connection, plus the UI's and spares."""
    return 2 * db_concurrency + 2


@lru_cache
def get_engine() -> Engine:
    settings = get_settings()
    if settings.is_sqlite:
        engine = create_engine(
            settings.database_url,
            connect_args={"check_same_thread": False, "timeout": 30},
            pool_size=_pool_size(settings.db_concurrency),
            max_overflow=settings.db_concurrency,
        )
        event.listen(engine, "connect", _enable_sqlite_pragmas)
        event.listen(engine, "checkout", _open_search_index)
        return engine
    return create_engine(
        settings.database_url,
        pool_pre_ping=True,
        pool_size=_pool_size(settings.db_concurrency),
        max_overflow=settings.db_concurrency,
    )


def new_session() -> Session:
    return Session(get_engine(), expire_on_commit=False)


@contextmanager
def session_scope() -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error.

    Services only `add`/`flush`; the door (API dependency or Reflex state) opens this scope.
    """
    session = new_session()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
