"""The migration round trip on the configured database, and the schema matches the models."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from decimal import Decimal

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlmodel import SQLModel

from hr_app.config import get_settings
from hr_app.models.search import include_name
from tests.conftest import migrate

# Rows written by hand at a past revision (the models are head's): each column's SQL, a literal or a :parameter.
ORGANIZATION = {
    "id": ":org",
    "name": "'Kept'",
    "created_at": "CURRENT_TIMESTAMP",
    "time_zone": "'UTC'",
    "interview_minutes": "45",
    "clash_window_minutes": "60",
    "panel_pass_mark": "60",
    "sender_name": "''",
    "decision_messages": "false",
}
OLD_CV = {
    "id": ":cv",
    "organization_id": ":org",
    "name": "'Old Cv'",
    "email": "'old.cv@example.com'",
    "phone_number": "'+91 1'",
    "place": "'Kochi'",
    "district": "''",
    "status": "'pending'",
    "created_at": "CURRENT_TIMESTAMP",
    "updated_at": "CURRENT_TIMESTAMP",
}


def _insert_sql(table: str, values: dict[str, str]) -> str:
    return f"INSERT INTO {table} ({', '.join(values)}) VALUES ({', '.join(values.values())})"


def _insert(connection, table: str, values: dict[str, str], parameters: dict[str, object]) -> None:
    connection.execute(text(_insert_sql(table, values)), parameters)


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
            _insert(
                connection,
                "organization",
                ORGANIZATION,
                {"org": uuid.uuid4().hex if url.startswith("sqlite") else str(uuid.uuid4())},
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
            _insert(connection, "organization", ORGANIZATION, {"org": as_db(org_id)})
            _insert(connection, "user_cv_data", OLD_CV, {"cv": as_db(cv_id), "org": as_db(org_id)})
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
            _insert(connection, "organization", ORGANIZATION, {"org": org})
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
            _insert(connection, "organization", ORGANIZATION, {"org": as_db(org_id)})
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


def test_scorecards_revision_keeps_evaluations_as_the_leads_scorecards(database):
    """Built at 0008 with three interviews (a complete evaluation, a partial one, one without a lead), upgraded to
    head: each evaluation is its lead's scorecard (submitted when all five ratings are given, draft otherwise), the
    blind setting is on, a second scorecard per interview can be added; the downgrade keeps the lead's only."""
    url, drop = _scratch_url(database)
    sqlite = url.startswith("sqlite")

    def as_db(value: uuid.UUID) -> str:
        return value.hex if sqlite else str(value)

    org, cv = uuid.uuid4(), uuid.uuid4()
    full, partial, unled = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    try:
        migrate(url, "0008_panel_clock")
        engine = create_engine(url)
        with engine.begin() as connection:
            _insert(connection, "organization", ORGANIZATION, {"org": as_db(org)})
            for user_id, email in ((7, "lead@x.test"), (8, "other@x.test")):
                connection.execute(
                    text(
                        "INSERT INTO app_user (id, organization_id, email, password_hash, first_name, last_name,"
                        " job_role, role, is_active, created_at, token_version) VALUES (:id, :org, :email, 'x', 'A',"
                        " '', '', 'interviewer', true, CURRENT_TIMESTAMP, 0)"
                    ),
                    {"id": user_id, "org": as_db(org), "email": email},
                )
            connection.execute(
                text(
                    "INSERT INTO user_cv_data (id, organization_id, name, email, phone_number, place, district, status,"
                    " created_at, updated_at) VALUES (:id, :org, 'Cv', 'cv@x.test', '+91 1', 'Kochi', '', 'ongoing',"
                    " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                ),
                {"id": as_db(cv), "org": as_db(org)},
            )
            for interview, lead in ((full, 7), (partial, 8), (unled, None)):
                connection.execute(
                    text(
                        "INSERT INTO interview (id, organization_id, candidate_id, interviewer_id, scheduled_at,"
                        " status, created_at, updated_at) VALUES (:id, :org, :cv, :lead, '2026-01-05 10:00:00',"
                        " 'pending', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                    ),
                    {"id": as_db(interview), "org": as_db(org), "cv": as_db(cv), "lead": lead},
                )
            for interview, ratings in (
                (full, (8, 9, 7, 8, 9)),
                (partial, (5, None, None, None, None)),
                (unled, (1,) * 5),
            ):
                connection.execute(
                    text(
                        "INSERT INTO evaluation (id, interview_id, appearance, knowledge, confidence, attitude,"
                        " communication, remark, expected_salary, voice_note_file, created_at, updated_at) VALUES"
                        " (:id, :interview, :a, :k, :c, :t, :m, 'kept', 1200.50, 'voice_notes/v.webm',"
                        " '2026-01-05 11:00:00', '2026-01-05 12:00:00')"
                    ),
                    dict(zip("akctm", ratings, strict=True), id=as_db(uuid.uuid4()), interview=as_db(interview)),
                )
        engine.dispose()

        migrate(url)
        assert _differences(url) == []
        engine = create_engine(url)
        with engine.begin() as connection:
            rows = connection.execute(
                text(
                    "SELECT e.interview_id, e.interviewer_id, e.status, e.submitted_at, e.knowledge, e.remark,"
                    " e.expected_salary, e.voice_note_file, e.recommendation FROM evaluation e"
                )
            ).all()
            found = {str(row[0]).replace("-", ""): tuple(row[1:]) for row in rows}
            assert {key: value[:2] for key, value in found.items()} == {
                full.hex: (7, "submitted"),
                partial.hex: (8, "draft"),
                unled.hex: (None, "submitted"),
            }
            assert str(found[full.hex][2]).startswith("2026-01-05 12:00:00") and found[partial.hex][2] is None
            assert found[full.hex][3:] == (9, "kept", Decimal("1200.50"), "voice_notes/v.webm", None)
            assert connection.execute(text("SELECT blind_scorecards FROM organization")).scalar_one() in (True, 1)
            connection.execute(
                text(
                    "INSERT INTO evaluation (id, interview_id, interviewer_id, status, created_at, updated_at)"
                    " VALUES (:id, :interview, 8, 'draft', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                ),
                {"id": as_db(uuid.uuid4()), "interview": as_db(full)},
            )
            assert connection.execute(text("SELECT count(*) FROM evaluation")).scalar_one() == 4
        engine.dispose()

        migrate(url, "0008_panel_clock", down=True)
        engine = create_engine(url)
        with engine.connect() as connection:
            kept = connection.execute(text("SELECT knowledge, remark FROM evaluation")).all()
            assert sorted((tuple(row) for row in kept), key=lambda row: row[0] or 0) == [
                (None, "kept"),
                (1, "kept"),
                (9, "kept"),
            ]
        engine.dispose()
    finally:
        drop()


def test_rounds_revision_numbers_existing_interviews_and_keeps_their_evaluations(database):
    """Built at 0009 with a CV that had two interviews (the first deleted-and-restarted history an old database
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
                "INSERT INTO evaluation (id, interview_id, appearance, status, created_at, updated_at)"
                " VALUES (:id, :interview, 7, 'draft', :at, :at)"
            ),
            {"id": as_db(uuid.uuid4()), "interview": as_db(interviews[key]), "at": created},
        )

    try:
        migrate(url, "0009_scorecards")
        engine = create_engine(url)
        with engine.begin() as connection:
            _insert(connection, "organization", ORGANIZATION, {"org": as_db(org_id)})
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

        migrate(url, "0009_scorecards", down=True)
        engine = create_engine(url)
        assert "round" not in {column["name"] for column in inspect(engine).get_columns("interview")}
        with engine.begin() as connection:
            assert connection.execute(text("SELECT count(*) FROM interview")).scalar_one() == 3
            assert connection.execute(text("SELECT count(*) FROM evaluation")).scalar_one() == 3
        engine.dispose()
    finally:
        drop()


def _panel_round_trip(
    database,
    base: str,
    at_head: Callable[[dict, dict], None],
    at_base: Callable,
    *,
    later_columns: bool = False,
    shuffle_column: bool = False,
) -> None:
    """Built at `base` with a panel and an opened, submitted candidate; upgraded to head, down to `base` and up
    again: the rows are kept each time, and `at_head` / `at_base` check the revision's columns."""
    url, drop = _scratch_url(database)
    sqlite = url.startswith("sqlite")
    org_id, category_id, panel_id, cv_id, candidate_id = (uuid.uuid4() for _ in range(5))

    def as_db(value: uuid.UUID) -> str:
        return value.hex if sqlite else str(value)

    ids = {"org": as_db(org_id), "cat": as_db(category_id), "panel": as_db(panel_id), "cv": as_db(cv_id)}
    try:
        migrate(url, base)
        engine = create_engine(url)
        with engine.begin() as connection:
            _insert(connection, "organization", ORGANIZATION, ids)
            connection.execute(
                text(
                    "INSERT INTO category (id, organization_id, name, created_at) VALUES (:cat, :org, 'Python',"
                    " CURRENT_TIMESTAMP)"
                ),
                ids,
            )
            connection.execute(
                text(
                    "INSERT INTO interview_panel (id, organization_id, category_id, name, description,"
                    " total_number_of_questions, start_datetime, end_datetime, is_active, is_deleted, show_scores,"
                    " created_at, updated_at" + (", shuffle" if shuffle_column else "") + ") VALUES (:panel, :org,"
                    " :cat, 'Old panel', '', 3, '2026-01-01 09:00:00', '2026-01-01 18:00:00', false, false, true,"
                    " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP" + (", false" if shuffle_column else "") + ")"
                ),
                ids,
            )
            _insert(connection, "user_cv_data", OLD_CV, ids)
            connection.execute(
                text(
                    "INSERT INTO panel_candidate (id, panel_id, candidate_id, token, token_expires_at, score,"
                    " opened_at, submitted_at" + (", timed_out" if later_columns else "") + ") VALUES (:id, :panel,"
                    " :cv, 'tok', '2026-01-01 18:00:00', 2, '2026-01-01 10:00:00', '2026-01-01 10:30:00'"
                    + (", false" if later_columns else "")
                    + ")"
                ),
                ids | {"id": as_db(candidate_id)},
            )
        engine.dispose()
        for target in ("head", base, "head"):
            migrate(url, target, down=target != "head")
            engine = create_engine(url)
            with engine.connect() as connection:
                panel = dict(connection.execute(text("SELECT * FROM interview_panel")).mappings().one())
                candidate = dict(connection.execute(text("SELECT * FROM panel_candidate")).mappings().one())
            engine.dispose()
            assert (panel["name"], candidate["token"], candidate["score"]) == ("Old panel", "tok", 2)
            assert str(candidate["submitted_at"]).startswith("2026-01-01 10:30:00")
            (at_head if target == "head" else at_base)(panel, candidate)
        assert _differences(url) == []
    finally:
        drop()


def test_panel_clock_revision_keeps_panels_and_candidates_untimed_and_downgrades(database):
    """0008: the panel untimed, the candidate without a deadline and not timed out."""

    def at_head(panel: dict, candidate: dict) -> None:
        assert panel["time_limit_minutes"] is None
        assert (candidate["deadline"], bool(candidate["timed_out"])) == (None, False)

    def at_base(panel: dict, candidate: dict) -> None:
        assert "deadline" not in candidate and "time_limit_minutes" not in panel

    _panel_round_trip(database, "0007_cv_search", at_head, at_base)


def test_panel_shuffle_revision_keeps_existing_sets_in_the_banks_order(database):
    """0011: existing panels do not shuffle and existing candidates have no seed (their order stays as shown)."""

    def at_head(panel: dict, candidate: dict) -> None:
        assert (bool(panel["shuffle"]), candidate["shuffle_seed"]) == (False, None)

    def at_base(panel: dict, candidate: dict) -> None:
        assert "shuffle" not in panel and "shuffle_seed" not in candidate

    _panel_round_trip(database, "0010_interview_rounds", at_head, at_base, later_columns=True)


def test_panel_pass_mark_revision_gives_existing_panels_the_old_fixed_60(database):
    """0012: an existing panel passes at 60%, the fixed rule it was judged by, whatever its organization's default."""

    def at_head(panel: dict, _candidate: dict) -> None:
        assert panel["pass_mark"] == 60

    def at_base(panel: dict, _candidate: dict) -> None:
        assert "pass_mark" not in panel

    _panel_round_trip(database, "0011_panel_shuffle", at_head, at_base, later_columns=True, shuffle_column=True)


def test_cv_tags_notes_revision_carries_cvs_forward_without_tags_notes_or_source(database):
    """0013: built at 0012 with a CV, upgraded: the CV is as it was with no source, tags or notes; tags, links
    and notes can be added, a tag's key is unique per organization and an unknown source is refused by the
    database; the downgrade drops them and keeps the CV, and upgrading again matches the models."""
    import pytest
    from sqlalchemy.exc import IntegrityError

    url, drop = _scratch_url(database)
    sqlite = url.startswith("sqlite")
    org_id, cv_id, tag_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()

    def as_db(value: uuid.UUID) -> str:
        return value.hex if sqlite else str(value)

    ids = {"org": as_db(org_id), "cv": as_db(cv_id), "tag": as_db(tag_id), "note": as_db(uuid.uuid4())}
    try:
        migrate(url, "0012_panel_pass_mark")
        engine = create_engine(url)
        with engine.begin() as connection:
            _insert(connection, "organization", ORGANIZATION, ids)
            _insert(connection, "user_cv_data", OLD_CV | {"status": "'ongoing'"}, ids)
        engine.dispose()

        migrate(url)
        assert _differences(url) == []
        engine = create_engine(url)
        with engine.begin() as connection:
            cv = connection.execute(text("SELECT name, email, status, source FROM user_cv_data")).one()
            assert tuple(cv) == ("Old Cv", "old.cv@example.com", "ongoing", None)
            for table in ("cv_tag", "cv_tag_link", "cv_note"):
                assert connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one() == 0
            connection.execute(
                text(
                    "INSERT INTO cv_tag (id, organization_id, name, key, created_at)"
                    " VALUES (:tag, :org, 'Python', 'python', CURRENT_TIMESTAMP)"
                ),
                ids,
            )
            connection.execute(text("INSERT INTO cv_tag_link (cv_id, tag_id) VALUES (:cv, :tag)"), ids)
            connection.execute(
                text(
                    "INSERT INTO cv_note (id, organization_id, cv_id, author_id, body, created_at, updated_at)"
                    " VALUES (:note, :org, :cv, NULL, 'Strong on SQL', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                ),
                ids,
            )
            connection.execute(text("UPDATE user_cv_data SET source = 'referral'"))
        refused = (
            "INSERT INTO cv_tag (id, organization_id, name, key, created_at)"
            f" VALUES ('{as_db(uuid.uuid4())}', :org, 'PYTHON', 'python', CURRENT_TIMESTAMP)",
            "UPDATE user_cv_data SET source = 'walk_in'",
        )
        for statement in refused:
            with pytest.raises(IntegrityError), engine.begin() as connection:
                connection.execute(text(statement), ids)
        engine.dispose()

        migrate(url, "0012_panel_pass_mark", down=True)
        engine = create_engine(url)
        assert not {"cv_tag", "cv_tag_link", "cv_note"} & set(inspect(engine).get_table_names())
        assert "source" not in {column["name"] for column in inspect(engine).get_columns("user_cv_data")}
        with engine.connect() as connection:
            assert connection.execute(text("SELECT name, status FROM user_cv_data")).one() == ("Old Cv", "ongoing")
        engine.dispose()
        migrate(url)
        assert _differences(url) == []
    finally:
        drop()


@pytest.mark.parametrize("base", ["0013_cv_tags_notes", "0014_answer_timing"])
def test_session_revisions_keep_answers_untimed_and_sessions_without_signals(database, base):
    """0014 and 0015: built at the revision before with a submitted session and its answer, upgraded: the answer is
    as it was, with no first showing and no seconds (never timed, so no average counts it), the session has no
    signals and no window; down to the base and up again keeps it."""
    url, drop = _scratch_url(database)
    sqlite = url.startswith("sqlite")
    names = ("org", "cat", "topic", "sub", "question", "panel", "cv", "candidate", "answer")
    ids = {name: (value.hex if sqlite else str(value)) for name, value in ((n, uuid.uuid4()) for n in names)}
    inserts = (
        _insert_sql("organization", ORGANIZATION),
        "INSERT INTO category (id, organization_id, name, created_at) VALUES (:cat, :org, 'Python', CURRENT_TIMESTAMP)",
        "INSERT INTO topic (id, organization_id, category_id, name, created_at) VALUES (:topic, :org, :cat, 'Basics',"
        " CURRENT_TIMESTAMP)",
        "INSERT INTO subtopic (id, organization_id, topic_id, name, created_at) VALUES (:sub, :org, :topic, 'Syntax',"
        " CURRENT_TIMESTAMP)",
        "INSERT INTO question (id, organization_id, subtopic_id, text, difficulty, options, correct_option, version,"
        " is_archived, created_at, updated_at) VALUES (:question, :org, :sub, 'Which keyword?', 'easy',"
        ' \'["def", "fun"]\', 0, 1, false, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)',
        "INSERT INTO interview_panel (id, organization_id, category_id, name, description, total_number_of_questions,"
        " start_datetime, end_datetime, is_active, is_deleted, show_scores, shuffle, pass_mark, created_at, updated_at)"
        " VALUES (:panel, :org, :cat, 'Old panel', '', 1, '2026-01-01 09:00:00', '2026-01-01 18:00:00', true, false,"
        " true, false, 60, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
        _insert_sql("user_cv_data", OLD_CV),
        "INSERT INTO panel_candidate (id, panel_id, candidate_id, token, token_expires_at, score, opened_at,"
        " submitted_at, timed_out) VALUES (:candidate, :panel, :cv, 'tok', '2026-01-01 18:00:00', 1,"
        " '2026-01-01 10:00:00', '2026-01-01 10:30:00', false)",
        "INSERT INTO answer (id, panel_candidate_id, question_id, position, selected_option, is_correct, answered_at)"
        " VALUES (:answer, :candidate, :question, 1, 0, true, '2026-01-01 10:05:00')",
    )
    kept = "SELECT position, selected_option, is_correct, answered_at FROM answer"
    try:
        migrate(url, base)
        engine = create_engine(url)
        with engine.begin() as connection:
            for statement in inserts:
                connection.execute(text(statement), ids)
        engine.dispose()
        for target in ("head", base, "head"):
            migrate(url, target, down=target != "head")
            engine = create_engine(url)
            with engine.connect() as connection:
                position, option, correct, answered = connection.execute(text(kept)).one()
                answer = dict(connection.execute(text("SELECT * FROM answer")).mappings().one())
                candidate = dict(connection.execute(text("SELECT * FROM panel_candidate")).mappings().one())
                has_signals = "integrity_signal" in inspect(connection).get_table_names()
                count = "SELECT count(*) FROM integrity_signal"
                signals = connection.execute(text(count)).scalar_one() if has_signals else None
            engine.dispose()
            assert (position, option, bool(correct)) == (1, 0, True)
            assert str(answered).startswith("2026-01-01 10:05:00")
            if target == "head":
                assert (answer["first_shown_at"], answer["seconds_spent"]) == (None, None)
                assert (candidate["viewing_position"], candidate["viewing_since"]) == (None, None)
                assert (candidate["client_id"], candidate["client_seen_at"]) == (None, None)
                assert signals == 0
            elif base == "0013_cv_tags_notes":
                assert "seconds_spent" not in answer and "viewing_since" not in candidate
            else:
                assert "client_id" not in candidate and signals is None
        assert _differences(url) == []
    finally:
        drop()


def test_question_types_revision_makes_every_question_single_choice_and_carries_scores_forward(database):
    """0016: built at 0015 with a question, a submitted session (score 1) and its graded answer, upgraded: the
    question is single choice with its one correct option as the list, no partial credit; the answer's credit is
    1 (graded right), with no options list, text or hand score; the session's points are its score and nothing
    waits for hand scoring. A free-text question added at head is archived by the downgrade (0015 has no such
    type), every row is kept, and upgrading again matches the models."""
    url, drop = _scratch_url(database)
    sqlite = url.startswith("sqlite")
    names = ("org", "cat", "topic", "sub", "question", "free", "panel", "cv", "candidate", "answer")
    ids = {name: (value.hex if sqlite else str(value)) for name, value in ((n, uuid.uuid4()) for n in names)}
    inserts = (
        _insert_sql("organization", ORGANIZATION),
        "INSERT INTO category (id, organization_id, name, created_at) VALUES (:cat, :org, 'Python', CURRENT_TIMESTAMP)",
        "INSERT INTO topic (id, organization_id, category_id, name, created_at) VALUES (:topic, :org, :cat, 'Basics',"
        " CURRENT_TIMESTAMP)",
        "INSERT INTO subtopic (id, organization_id, topic_id, name, created_at) VALUES (:sub, :org, :topic, 'Syntax',"
        " CURRENT_TIMESTAMP)",
        "INSERT INTO question (id, organization_id, subtopic_id, text, difficulty, options, correct_option, version,"
        " is_archived, created_at, updated_at) VALUES (:question, :org, :sub, 'Which keyword?', 'easy',"
        ' \'["def", "fun", "fn"]\', 2, 1, false, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)',
        "INSERT INTO interview_panel (id, organization_id, category_id, name, description, total_number_of_questions,"
        " start_datetime, end_datetime, is_active, is_deleted, show_scores, shuffle, pass_mark, created_at, updated_at)"
        " VALUES (:panel, :org, :cat, 'Old panel', '', 1, '2026-01-01 09:00:00', '2026-01-01 18:00:00', true, false,"
        " true, false, 60, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
        _insert_sql("user_cv_data", OLD_CV),
        "INSERT INTO panel_candidate (id, panel_id, candidate_id, token, token_expires_at, score, opened_at,"
        " submitted_at, timed_out) VALUES (:candidate, :panel, :cv, 'tok', '2026-01-01 18:00:00', 1,"
        " '2026-01-01 10:00:00', '2026-01-01 10:30:00', false)",
        "INSERT INTO answer (id, panel_candidate_id, question_id, position, selected_option, is_correct, answered_at)"
        " VALUES (:answer, :candidate, :question, 1, 2, true, '2026-01-01 10:05:00')",
    )
    free_text = (
        "INSERT INTO question (id, organization_id, subtopic_id, text, difficulty, options, correct_option, version,"
        " is_archived, created_at, updated_at, question_type, correct_options, partial_credit) VALUES (:free, :org,"
        " :sub, 'Explain', 'easy', '[]', 0, 1, false, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'free_text', '[]', false)"
    )

    def read(connection) -> tuple[dict, dict, dict]:
        question = dict(connection.execute(text("SELECT * FROM question WHERE id = :question"), ids).mappings().one())
        answer = dict(connection.execute(text("SELECT * FROM answer")).mappings().one())
        candidate = dict(connection.execute(text("SELECT * FROM panel_candidate")).mappings().one())
        return question, answer, candidate

    try:
        migrate(url, "0015_integrity_signals")
        engine = create_engine(url)
        with engine.begin() as connection:
            for statement in inserts:
                connection.execute(text(statement), ids)
        engine.dispose()
        migrate(url)
        assert _differences(url) == []
        engine = create_engine(url)
        with engine.begin() as connection:
            question, answer, candidate = read(connection)
            connection.execute(text(free_text), ids)
        engine.dispose()
        correct_options = question["correct_options"]
        assert (question["question_type"], question["correct_option"], bool(question["partial_credit"])) == (
            "single_choice",
            2,
            False,
        )
        assert (correct_options if isinstance(correct_options, list) else json.loads(correct_options)) == [2]
        assert (answer["selected_option"], bool(answer["is_correct"]), answer["credit"]) == (2, True, 1.0)
        assert (answer["selected_options"], answer["text_answer"], answer["hand_score"]) == (None, None, None)
        assert (answer["scored_by_id"], answer["scored_at"]) == (None, None)
        assert (candidate["score"], Decimal(str(candidate["points"])), bool(candidate["hand_scoring_pending"])) == (
            1,
            Decimal("1.00"),
            False,
        )

        migrate(url, "0015_integrity_signals", down=True)
        engine = create_engine(url)
        with engine.connect() as connection:
            question, answer, candidate = read(connection)
            archived = connection.execute(text("SELECT is_archived FROM question WHERE id = :free"), ids).scalar_one()
        engine.dispose()
        assert "question_type" not in question and "credit" not in answer and "points" not in candidate
        assert (question["correct_option"], answer["selected_option"], candidate["score"]) == (2, 2, 1)
        assert bool(archived) is True
        migrate(url)
        assert _differences(url) == []
    finally:
        drop()


def test_search_indexes_revision_keeps_cvs_and_lets_postgresql_search_by_trigram(database):
    """0017: built at 0016 with a CV, upgraded: the CV is as it was; on PostgreSQL the four trigram indexes and the
    name-order index exist and, among 3,000 CVs, the CV list's search plans through them; on SQLite nothing
    changed; the downgrade drops them and keeps the CV."""
    from sqlalchemy import func, select

    from hr_app.models.search import LIST_SEARCH_INDEXES
    from hr_app.services.cv_list import CvFilter
    from hr_app.services.cvs import cv_query

    url, drop = _scratch_url(database)
    sqlite = url.startswith("sqlite")
    org, cv = uuid.uuid4(), uuid.uuid4()
    ids = {"org": org.hex if sqlite else str(org), "cv": cv.hex if sqlite else str(cv)}
    inserts = (
        _insert_sql("organization", ORGANIZATION),
        _insert_sql("user_cv_data", OLD_CV),
    )
    # PostgreSQL: enough other CVs that a scan of the organization costs more than the indexes
    others = (
        "INSERT INTO user_cv_data (id, organization_id, name, email, phone_number, place, district, status, created_at,"
        " updated_at) SELECT gen_random_uuid(), :org, 'Person ' || n, 'person' || n || '@example.com', '+91 ' || n,"
        " 'Thrissur', '', 'pending', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM generate_series(1, 3000) AS n"
    )
    # the COUNT the CV list's page runs (pagination.fetch): where the search alone decides the plan
    search = CvFilter(search="LD C").where(cv_query(org))
    count = select(func.count()).select_from(search.subquery())
    try:
        migrate(url, "0016_question_types")
        engine = create_engine(url)
        with engine.begin() as connection:
            for statement in inserts if sqlite else (*inserts, others):
                connection.execute(text(statement), ids)
        indexes_before = {index["name"] for index in inspect(engine).get_indexes("user_cv_data")}
        engine.dispose()
        for target, down in (("0017_search_indexes", False), ("0016_question_types", True)):
            migrate(url, target, down=down)
            engine = create_engine(url)
            with engine.begin() as connection:
                names = {index["name"] for index in inspect(connection).get_indexes("user_cv_data")}
                kept = "SELECT name, place FROM user_cv_data WHERE id = :cv"
                assert connection.execute(text(kept), ids).one() == ("Old Cv", "Kochi")
                assert [row.name for row in connection.execute(search)] == ["Old Cv"]
                if not sqlite:
                    connection.execute(text("ANALYZE user_cv_data"))
                    compiled = count.compile(dialect=engine.dialect)
                    explained = connection.exec_driver_sql(f"EXPLAIN {compiled}", compiled.params)
                    plan = "\n".join(row[0] for row in explained)
            engine.dispose()
            if sqlite or down:
                assert names == indexes_before
            else:
                assert names == indexes_before | LIST_SEARCH_INDEXES
                assert "ILIKE" in str(compiled)
                assert all(f"ix_user_cv_data_{column}_trgm" in plan for column in ("name", "email", "place")), plan
        migrate(url)
        assert _differences(url) == []
    finally:
        drop()
