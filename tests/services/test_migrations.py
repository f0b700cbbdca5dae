"""The migration round trip on the configured database, and the schema matches the models."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlmodel import SQLModel

from tests.conftest import migrate


def _scratch_url(database: str) -> tuple[str, Callable[[], None]]:
    """A second, empty database on the same server, so the round trip never touches the test data."""
    url = make_url(database)
    if url.get_backend_name() == "sqlite":
        path = url.database.replace(".db", f"_{uuid.uuid4().hex[:6]}.db")
        return f"sqlite:///{path}", lambda: None
    name = f"{url.database}_mig_{uuid.uuid4().hex[:6]}"
    admin = create_engine(database, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url.set(database=name).render_as_string(hide_password=False), drop


def _differences(url: str) -> list:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return compare_metadata(context, SQLModel.metadata)
    finally:
        engine.dispose()


def test_upgrade_downgrade_upgrade_and_no_drift(database):
    url, drop = _scratch_url(database)
    try:
        migrate(url)
        assert _differences(url) == []
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(
                text("INSERT INTO organization (id, name, created_at) VALUES (:id, 'Kept', CURRENT_TIMESTAMP)"),
                {"id": uuid.uuid4().hex if url.startswith("sqlite") else str(uuid.uuid4())},
            )
        engine.dispose()

        migrate(url, "base", down=True)
        engine = create_engine(url)
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        engine.dispose()

        migrate(url)
        assert _differences(url) == []
        engine = create_engine(url)
        assert set(SQLModel.metadata.tables) <= set(inspect(engine).get_table_names())
        engine.dispose()
    finally:
        drop()
