"""The migration round trip on the configured database, and the schema matches the models."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlmodel import SQLModel

from hr_app.config import get_settings
from hr_app.models.search import include_name
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
            context = MigrationContext.configure(connection, opts={"compare_type": True, "include_name": include_name})
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
                text(
                    "INSERT INTO organization (id, name, created_at, time_zone, interview_minutes,"
                    " clash_window_minutes, panel_pass_mark, sender_name, decision_messages)"
                    " VALUES (:id, 'Kept', CURRENT_TIMESTAMP, 'UTC', 45, 60, 60, '', false)"
                ),
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


def test_accounts_revision_carries_organizations_and_users_forward(database):
    """Built at 0001 with an organization and a user, upgraded to head: settings from the environment, users
    keep signing in (token version 0, password set when they were created), no account tokens."""
    settings = get_settings()
    url, drop = _scratch_url(database)
    sqlite = url.startswith("sqlite")
    org_id = uuid.uuid4()
    try:
        migrate(url, "0001")
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(
                text("INSERT INTO organization (id, name, created_at) VALUES (:id, 'Old Org', '2026-01-02 03:04:05')"),
                {"id": org_id.hex if sqlite else str(org_id)},
            )
            connection.execute(
                text(
                    "INSERT INTO app_user (organization_id, email, password_hash, first_name, last_name, job_role,"
                    " role, is_active, created_at) VALUES (:org, 'old@example.com', 'x', 'Old', 'User', '', 'admin',"
                    " true, '2026-01-02 03:04:05')"
                ),
                {"org": org_id.hex if sqlite else str(org_id)},
            )
        engine.dispose()
        migrate(url)
        engine = create_engine(url)
        with engine.connect() as connection:
            org = connection.execute(
                text(
                    "SELECT name, time_zone, interview_minutes, clash_window_minutes, panel_pass_mark, sender_name,"
                    " decision_messages FROM organization"
                )
            ).one()
            user = connection.execute(
                text("SELECT email, token_version, last_login_at, password_set_at FROM app_user")
            ).one()
            tokens = connection.execute(text("SELECT count(*) FROM account_token")).scalar_one()
            outbox = connection.execute(text("SELECT count(*) FROM outbox_message")).scalar_one()
        engine.dispose()
        assert tuple(org) == (
            "Old Org",
            "UTC",
            settings.interview_minutes,
            settings.clash_window_minutes,
            60,
            "",
            False,
        )
        assert user.email == "old@example.com" and user.token_version == 0 and user.last_login_at is None
        assert str(user.password_set_at).startswith("2026-01-02 03:04:05")
        assert tokens == 0
        assert outbox == 0  # the outbox revision adds empty tables and leaves the rows above as they were
    finally:
        drop()


def test_cv_documents_revision_keeps_cvs_and_starts_with_no_documents(database):
    """Built at 0004 with an organization and a CV, upgraded to head: the CV is as it was, it has no document,
    and a document row can be added for it."""
    url, drop = _scratch_url(database)
    sqlite = url.startswith("sqlite")
    org_id, cv_id = uuid.uuid4(), uuid.uuid4()

    def as_db(value: uuid.UUID) -> str:
        return value.hex if sqlite else str(value)

    try:
        migrate(url, "0004_outbox")
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO organization (id, name, created_at, time_zone, interview_minutes,"
                    " clash_window_minutes, panel_pass_mark, sender_name, decision_messages)"
                    " VALUES (:id, 'Kept', CURRENT_TIMESTAMP, 'UTC', 45, 60, 60, '', false)"
                ),
                {"id": as_db(org_id)},
            )
            connection.execute(
                text(
                    "INSERT INTO user_cv_data (id, organization_id, name, email, phone_number, place, district, status,"
                    " created_at, updated_at) VALUES (:id, :org, 'Old Cv', 'old.cv@example.com', '+91 1', 'Kochi', '',"
                    " 'pending', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                ),
                {"id": as_db(cv_id), "org": as_db(org_id)},
            )
        engine.dispose()
        migrate(url)
        engine = create_engine(url)
        with engine.begin() as connection:
            cv = connection.execute(text("SELECT name, email, place, status FROM user_cv_data")).one()
            assert tuple(cv) == ("Old Cv", "old.cv@example.com", "Kochi", "pending")
            assert connection.execute(text("SELECT count(*) FROM cv_document")).scalar_one() == 0
            connection.execute(
                text(
                    "INSERT INTO cv_document (id, organization_id, cv_id, version, is_current, kind, file_name,"
                    " content_type, size, sha256, uploaded_at, text_status) VALUES (:id, :org, :cv, 1, true, 'pdf',"
                    " 'cv.pdf', 'application/pdf', 10, :sha, CURRENT_TIMESTAMP, 'pending')"
                ),
                {"id": as_db(uuid.uuid4()), "org": as_db(org_id), "cv": as_db(cv_id), "sha": "0" * 64},
            )
        engine.dispose()
    finally:
        drop()


def test_audit_revision_carries_entries_forward_and_makes_the_trail_append_only(database):
    """Built at 0005 with an organization, a user and their entry, upgraded to head: the entry is as it was, new
    entries continue the ids, UPDATE and DELETE are refused by the database itself, and deleting the user and
    the organization leaves the trail in place (it had ON DELETE SET NULL / CASCADE keys before)."""
    import pytest
    from sqlalchemy.exc import DatabaseError

    url, drop = _scratch_url(database)
    sqlite = url.startswith("sqlite")
    org_id = uuid.uuid4()
    org = org_id.hex if sqlite else str(org_id)
    try:
        migrate(url, "0005_cv_documents")
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO organization (id, name, created_at, time_zone, interview_minutes,"
                    " clash_window_minutes, panel_pass_mark, sender_name, decision_messages)"
                    " VALUES (:id, 'Kept', CURRENT_TIMESTAMP, 'UTC', 45, 60, 60, '', false)"
                ),
                {"id": org},
            )
            connection.execute(
                text(
                    "INSERT INTO app_user (id, organization_id, email, password_hash, first_name, last_name, job_role,"
                    " role, is_active, created_at, token_version) VALUES (7, :org, 'a@x.test', 'x', 'Ann', '', '',"
                    " 'admin', true, CURRENT_TIMESTAMP, 0)"
                ),
                {"org": org},
            )
            connection.execute(
                text(
                    "INSERT INTO audit_entry (id, organization_id, actor_id, actor_label, object_type, object_id,"
                    " action, before, after, created_at) VALUES (41, :org, 7, 'Ann', 'cv', 'c1', 'created', NULL,"
                    ' \'{"name": "Old"}\', CURRENT_TIMESTAMP)'
                ),
                {"org": org},
            )
        engine.dispose()
        migrate(url)
        assert _differences(url) == []
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO audit_entry (organization_id, actor_label, object_type, object_id, action,"
                    " created_at) VALUES (NULL, 'system', 'sign_in', 'x', 'sign_in_failed', CURRENT_TIMESTAMP)"
                )
            )
            rows = connection.execute(text("SELECT id, actor_id, actor_label, action FROM audit_entry ORDER BY id"))
            assert [tuple(row) for row in rows] == [(41, 7, "Ann", "created"), (42, None, "system", "sign_in_failed")]
        for statement in ("UPDATE audit_entry SET action = 'forged'", "DELETE FROM audit_entry WHERE id = 41"):
            with pytest.raises(DatabaseError, match="append-only"), engine.begin() as connection:
                connection.execute(text(statement))
        with engine.begin() as connection:
            connection.execute(text("DELETE FROM app_user WHERE id = 7"))
            connection.execute(text("DELETE FROM organization WHERE id = :org"), {"org": org})
        with engine.begin() as connection:
            kept = connection.execute(text("SELECT actor_id, action FROM audit_entry WHERE id = 41")).one()
            assert tuple(kept) == (7, "created")
        engine.dispose()
    finally:
        drop()


def test_cv_search_revision_indexes_existing_cvs_and_their_documents(database):
    """Built at 0006 with two CVs (one with a current document's text and an older version's), upgraded to head:
    the search function finds them by name, job title, place and the current text only; the triggers keep the
    index after the upgrade; downgrading removes the index and keeps the CVs."""
    from sqlmodel import Session

    from hr_app.models import AppUser, Role
    from hr_app.services.cv_search import search_cvs

    url, drop = _scratch_url(database)
    sqlite = url.startswith("sqlite")
    org_id, anna_id, bob_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()

    def as_db(value: uuid.UUID) -> str:
        return value.hex if sqlite else str(value)

    def document(connection, version: int, current: bool, body: str) -> None:
        connection.execute(
            text(
                "INSERT INTO cv_document (id, organization_id, cv_id, version, is_current, kind, file_name,"
                " content_type, size, sha256, storage_name, uploaded_at, text_status, text) VALUES (:id, :org, :cv,"
                " :version, :current, 'txt', 'cv.txt', 'text/plain', 10, :sha, 'cv_documents/x.txt',"
                " CURRENT_TIMESTAMP, 'done', :body)"
            ),
            {
                "id": as_db(uuid.uuid4()),
                "org": as_db(org_id),
                "cv": as_db(anna_id),
                "sha": "0" * 64,
                "version": version,
                "current": current,
                "body": body,
            },
        )

    def found(engine, words: str) -> list[str]:
        actor = AppUser(id=7, organization_id=org_id, email="a@x.test", password_hash="x", role=Role.HR)
        with Session(engine) as session:
            return [hit.record.cv.name for hit in search_cvs(session, actor=actor, search=words)]

    try:
        migrate(url, "0006_audit_append_only")
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO organization (id, name, created_at, time_zone, interview_minutes,"
                    " clash_window_minutes, panel_pass_mark, sender_name, decision_messages)"
                    " VALUES (:id, 'Kept', CURRENT_TIMESTAMP, 'UTC', 45, 60, 60, '', false)"
                ),
                {"id": as_db(org_id)},
            )
            connection.execute(
                text("INSERT INTO job_title (id, organization_id, name) VALUES (3, :org, 'Data Engineer')"),
                {"org": as_db(org_id)},
            )
            for cv_id, name, place, job in ((anna_id, "Anna Old", "Kochi", 3), (bob_id, "Bob Old", "Espoo", None)):
                connection.execute(
                    text(
                        "INSERT INTO user_cv_data (id, organization_id, name, email, phone_number, place, district,"
                        " status, job_title_id, created_at, updated_at) VALUES (:id, :org, :name, :email, '', :place,"
                        " '', 'pending', :job, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                    ),
                    {
                        "id": as_db(cv_id),
                        "org": as_db(org_id),
                        "name": name,
                        "email": f"{name[:3]}@example.com",
                        "place": place,
                        "job": job,
                    },
                )
            document(connection, 1, False, "Cobol mainframes")
            document(connection, 2, True, "Spark and Airflow pipelines")
        engine.dispose()

        migrate(url)
        assert _differences(url) == []
        engine = create_engine(url)
        assert found(engine, "anna") == ["Anna Old"]
        assert found(engine, "engineer") == ["Anna Old"]
        assert found(engine, "espoo") == ["Bob Old"]
        assert found(engine, "airflow") == ["Anna Old"]
        assert found(engine, "cobol") == []  # an earlier version's text is not searched
        assert sorted(found(engine, "old")) == ["Anna Old", "Bob Old"]  # equal matches: length decides on SQLite
        with engine.begin() as connection:
            connection.execute(text("UPDATE user_cv_data SET place = 'Turku' WHERE name = 'Bob Old'"))
        assert found(engine, "turku") == ["Bob Old"]
        engine.dispose()

        migrate(url, "0006_audit_append_only", down=True)
        engine = create_engine(url)
        assert not [name for name in inspect(engine).get_table_names() if name.startswith("cv_search")]
        with engine.begin() as connection:
            assert connection.execute(text("SELECT count(*) FROM user_cv_data")).scalar_one() == 2
            assert connection.execute(text("SELECT count(*) FROM cv_document")).scalar_one() == 2
            connection.execute(text("UPDATE user_cv_data SET place = 'Oulu'"))  # no trigger left behind
        engine.dispose()
        migrate(url)
        engine = create_engine(url)
        assert sorted(found(engine, "oulu")) == ["Anna Old", "Bob Old"]
        engine.dispose()
    finally:
        drop()


def test_rounds_revision_numbers_existing_interviews_and_keeps_their_evaluations(database):
    """Built at 0007 with a CV that had two interviews (the first deleted-and-restarted history an old database
    can hold) and another CV's interview with its evaluation: upgraded, they are rounds 1 and 2, and 1; every
    evaluation is still there; a second round 2 for the CV is refused by the database; downgrade keeps the rows."""
    import pytest
    from sqlalchemy.exc import IntegrityError

    url, drop = _scratch_url(database)
    sqlite = url.startswith("sqlite")
    org_id, anna_id, bob_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    interviews = {"anna-1": uuid.uuid4(), "anna-2": uuid.uuid4(), "bob-1": uuid.uuid4()}

    def as_db(value: uuid.UUID) -> str:
        return value.hex if sqlite else str(value)

    def add_interview(connection, key: str, cv_id: uuid.UUID, created: str, status: str) -> None:
        connection.execute(
            text(
                "INSERT INTO interview (id, organization_id, candidate_id, scheduled_at, status, created_at,"
                " updated_at) VALUES (:id, :org, :cv, :at, :status, :at, :at)"
            ),
            {"id": as_db(interviews[key]), "org": as_db(org_id), "cv": as_db(cv_id), "at": created, "status": status},
        )
        connection.execute(
            text(
                "INSERT INTO evaluation (id, interview_id, appearance, created_at, updated_at)"
                " VALUES (:id, :interview, 7, :at, :at)"
            ),
            {"id": as_db(uuid.uuid4()), "interview": as_db(interviews[key]), "at": created},
        )

    try:
        migrate(url, "0007_cv_search")
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO organization (id, name, created_at, time_zone, interview_minutes,"
                    " clash_window_minutes, panel_pass_mark, sender_name, decision_messages)"
                    " VALUES (:id, 'Kept', CURRENT_TIMESTAMP, 'UTC', 45, 60, 60, '', false)"
                ),
                {"id": as_db(org_id)},
            )
            for cv_id, name in ((anna_id, "Anna"), (bob_id, "Bob")):
                connection.execute(
                    text(
                        "INSERT INTO user_cv_data (id, organization_id, name, email, phone_number, place, district,"
                        " status, created_at, updated_at) VALUES (:id, :org, :name, :email, '', '', '', 'ongoing',"
                        " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                    ),
                    {"id": as_db(cv_id), "org": as_db(org_id), "name": name, "email": f"{name}@example.com"},
                )
            add_interview(connection, "anna-2", anna_id, "2025-11-02 10:00:00", "pending")
            add_interview(connection, "anna-1", anna_id, "2025-11-01 10:00:00", "selected")
            add_interview(connection, "bob-1", bob_id, "2025-11-01 12:00:00", "pending")
        engine.dispose()

        migrate(url)
        assert _differences(url) == []
        engine = create_engine(url)
        with engine.begin() as connection:
            rounds = {
                key: connection.execute(
                    text("SELECT round FROM interview WHERE id = :id"), {"id": as_db(value)}
                ).scalar_one()
                for key, value in interviews.items()
            }
            assert rounds == {"anna-1": 1, "anna-2": 2, "bob-1": 1}
            assert connection.execute(text("SELECT count(*) FROM evaluation WHERE appearance = 7")).scalar_one() == 3
        with pytest.raises(IntegrityError), engine.begin() as connection:
            connection.execute(
                text("UPDATE interview SET round = 2 WHERE id = :id"), {"id": as_db(interviews["anna-1"])}
            )
        engine.dispose()

        migrate(url, "0007_cv_search", down=True)
        engine = create_engine(url)
        assert "round" not in {column["name"] for column in inspect(engine).get_columns("interview")}
        with engine.begin() as connection:
            assert connection.execute(text("SELECT count(*) FROM interview")).scalar_one() == 3
            assert connection.execute(text("SELECT count(*) FROM evaluation")).scalar_one() == 3
        engine.dispose()
    finally:
        drop()
