"""Test set-up: a real database of its own per run (SQLite file, or a fresh PostgreSQL database).

`DATABASE_URL` picks the server: unset means SQLite; a PostgreSQL URL means a new database is created
beside the one named (which is left as it was) and dropped at the end of the run.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
os.chdir(ROOT)

_TMP = Path(tempfile.mkdtemp(prefix="hr_app_test_"))
# The URL the run was given, kept for pytest-xdist's workers: they inherit this process's environment, in which
# DATABASE_URL below names this process's own test database.
_BASE_URL = os.environ.setdefault("HR_APP_TEST_GIVEN_DATABASE_URL", os.environ.get("DATABASE_URL", ""))
_PG_ADMIN_URL: str | None = None

if _BASE_URL.startswith("postgresql"):
    _PG_ADMIN_URL = _BASE_URL
    _db_name = f"hrapp_test_{uuid.uuid4().hex[:10]}"
    _TEST_URL = make_url(_BASE_URL).set(database=_db_name).render_as_string(hide_password=False)
else:
    _TEST_URL = f"sqlite:///{_TMP / 'test.db'}"

os.environ["DATABASE_URL"] = _TEST_URL
os.environ["UPLOAD_DIR"] = str(_TMP / "uploads")
os.environ["HUEY_FILE"] = str(_TMP / "huey.db")  # the job queue of any test that enqueues; never the repo's
os.environ.pop("SMTP_URL", None)
os.environ["BCRYPT_ROUNDS"] = "4"
os.environ["SECRET_KEY"] = "test-secret-" + uuid.uuid4().hex
os.environ.pop("REDIS_URL", None)
os.environ.setdefault("REFLEX_TELEMETRY_ENABLED", "false")

from tests.factories import *  # noqa: E402, F403  (fixtures and factories for every test module)
from tests.object_storage import s3_server, s3_storage  # noqa: E402, F401  (the S3-compatible server fixtures)

pytest_plugins = ["tests.timing_lock"]  # tests that assert a time budget run alone (make test runs two workers)


def _create_pg_database() -> None:
    admin = create_engine(_PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{make_url(_TEST_URL).database}"'))
    admin.dispose()


def _drop_pg_database() -> None:
    from hr_app.db import get_engine

    get_engine().dispose()
    admin = create_engine(_PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{make_url(_TEST_URL).database}" WITH (FORCE)'))
    admin.dispose()


def migrate(url: str, revision: str = "head", *, down: bool = False) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["database_url"] = url
    config.attributes["configure_logger"] = False
    (command.downgrade if down else command.upgrade)(config, revision)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    _give_each_test_its_own_id(items)
    _deselect_the_cluster_test_on_sqlite(config, items)


def _give_each_test_its_own_id(items: list[pytest.Item]) -> None:
    """Schemathesis names each API operation's test `test_x[GET /path]` but leaves every one the node id
    `test_x`. pytest-xdist sends tests to its workers by node id, so those would run once instead of once per
    operation: each gets the id its name says."""
    for item in items:
        if item.parent is not None and item.nodeid != f"{item.parent.nodeid}::{item.name}":
            item._id = type(item.id).parse(f"{item.parent.nodeid}::{item.name}")
    twice = [nodeid for nodeid, count in Counter(item.nodeid for item in items).items() if count > 1]
    if twice:
        raise pytest.UsageError(f"tests share a node id, so pytest-xdist would run only one of each: {sorted(twice)}")


def _deselect_the_cluster_test_on_sqlite(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The cluster test (two nodes sharing one database) runs on PostgreSQL only: on SQLite it is deselected, so
    the SQLite pass of `.ci/run` leaves it out without a skip (docs/deploy.md)."""
    if _PG_ADMIN_URL:
        return
    cluster = [item for item in items if item.get_closest_marker("cluster")]
    if cluster:
        config.hook.pytest_deselected(items=cluster)
        items[:] = [item for item in items if not item.get_closest_marker("cluster")]


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_TMP, ignore_errors=True)  # also pytest-xdist's controller's, which runs no test


@pytest.fixture(scope="session", autouse=True)
def database() -> Iterator[str]:
    if _PG_ADMIN_URL:
        _create_pg_database()
    migrate(_TEST_URL)
    yield _TEST_URL
    if _PG_ADMIN_URL:
        _drop_pg_database()
    shutil.rmtree(_TMP, ignore_errors=True)


@contextmanager
def _append_only_suspended(connection) -> Iterator[None]:
    """Between tests only: the audit trail's triggers (revision 0006) refuse DELETE, so they step aside."""
    from sqlalchemy import text

    if connection.dialect.name == "postgresql":
        connection.execute(text("SET LOCAL session_replication_role = replica"))
        yield
        return
    triggers = connection.execute(
        text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_entry'")
    ).all()
    for name, _ in triggers:
        connection.execute(text(f'DROP TRIGGER "{name}"'))
    yield
    for _, sql in triggers:
        connection.execute(text(sql))


@pytest.fixture(autouse=True)
def _clean_state(database: str) -> Iterator[None]:
    yield
    from sqlmodel import SQLModel

    from hr_app.db import get_engine
    from hr_app.services import rate_limit

    with get_engine().begin() as connection, _append_only_suspended(connection):
        for table in reversed(SQLModel.metadata.sorted_tables):
            connection.execute(table.delete())
        connection.execute(text("DELETE FROM cv_search"))  # kept by triggers, which PostgreSQL's clean-up suspends
    rate_limit.reset_all()
    uploads = Path(os.environ["UPLOAD_DIR"])
    if uploads.exists():
        shutil.rmtree(uploads)
