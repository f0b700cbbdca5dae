"""Search inside CVs through GET /api/cvs/?search=: ranked, with highlighted snippets, kept true by the database
(CV edits, job-title renames, document text arriving, replaced and deleted), within the organization only."""

from __future__ import annotations

import pytest
from sqlmodel import select

from hr_app.models import CvDocument, CvStatus, TextStatus
from hr_app.services import cv_text
from tests.factories import create_cv, create_job_title, row_counts

URL = "/api/cvs/"


def search(client, headers, words: str, **params) -> list[dict]:
    response = client.get(URL, headers=headers, params={"search": words, **params})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["message"] == f"Found {len(body['data'])} CV(s)"
    return body["data"]


def names(rows: list[dict]) -> list[str]:
    return [row["name"] for row in rows]


def give_text(client, db, headers, cv, content: str) -> None:
    """Upload a text document and run the worker's extraction for it, as the worker would after the commit."""
    response = client.post(f"{URL}{cv.id}/document/", headers=headers, files={"file": ("cv.txt", content.encode())})
    assert response.status_code == 201, response.text
    db.expire_all()
    document = db.exec(select(CvDocument).where(CvDocument.cv_id == cv.id, CvDocument.is_current)).one()
    assert cv_text.extract_document(document.id) == TextStatus.DONE


@pytest.fixture
def people(client, db, org, auth_headers_hr):
    developer = create_job_title(db, org, "Backend Developer")
    nurse = create_job_title(db, org, "Nurse")
    anna = create_cv(db, org, name="Anna Python", email="anna@example.com", place="Kochi", job_title=nurse)
    bob = create_cv(db, org, name="Bob Stone", email="bob@example.com", place="Helsinki", job_title=developer)
    cara = create_cv(db, org, name="Cara Lind", email="cara@example.com", place="Kochi", job_title=nurse)
    give_text(client, db, auth_headers_hr, bob, "Ten years of Python and Django.\nLed a team of five in Espoo.")
    return {"anna": anna, "bob": bob, "cara": cara, "developer": developer}


def test_a_name_match_outranks_a_match_in_the_text_and_each_has_its_snippet(client, auth_headers_hr, people):
    rows = search(client, auth_headers_hr, "python")
    assert names(rows) == ["Anna Python", "Bob Stone"]
    assert [row["match"]["rank"] for row in rows] == [1, 2]
    assert "<mark>Python</mark>" in rows[0]["match"]["snippet"]
    assert "years of <mark>Python</mark> and Django" in rows[1]["match"]["snippet"]  # the window is the database's
    assert rows[1]["document"]["text_status"] == "done"


@pytest.mark.parametrize(
    ("words", "found"),
    [
        ("kochi", ["Anna Python", "Cara Lind"]),  # place
        ("nurse", ["Anna Python", "Cara Lind"]),  # job title
        ("backend", ["Bob Stone"]),
        ("cara@example.com", ["Cara Lind"]),  # e-mail, typed whole
        ("espoo", ["Bob Stone"]),  # only in the document's text
        ("pyth kochi", ["Anna Python"]),  # prefixes; every word must match
        ("DJANGO", ["Bob Stone"]),
        ("python nurse helsinki", []),
    ],
)
def test_every_field_is_searched(client, auth_headers_hr, people, words, found):
    assert names(search(client, auth_headers_hr, words)) == found


def test_search_and_status_filter_together(client, db, auth_headers_hr, people):
    cara = people["cara"]
    cara.status = CvStatus.ONGOING
    db.add(cara)
    db.commit()
    assert names(search(client, auth_headers_hr, "kochi", status="ongoing")) == ["Cara Lind"]
    assert names(search(client, auth_headers_hr, "kochi", status="pending")) == ["Anna Python"]


def test_no_words_is_the_whole_list_without_matches(client, auth_headers_hr, people):
    for words in ("", "  ", "@@ --"):
        rows = search(client, auth_headers_hr, words)
        assert names(rows) == ["Anna Python", "Bob Stone", "Cara Lind"]
        assert [row["match"] for row in rows] == [None, None, None]


def test_the_index_follows_every_change(client, db, auth_headers_hr, people):
    anna, developer = people["anna"], people["developer"]
    response = client.patch(f"{URL}{anna.id}/", headers=auth_headers_hr, json={"place": "Tampere"})
    assert response.status_code == 200
    assert names(search(client, auth_headers_hr, "tampere")) == ["Anna Python"]
    assert names(search(client, auth_headers_hr, "kochi")) == ["Cara Lind"]

    response = client.patch(f"/api/job-titles/{developer.id}/", headers=auth_headers_hr, json={"name": "Architect"})
    assert response.status_code == 200, response.text
    assert names(search(client, auth_headers_hr, "architect")) == ["Bob Stone"]
    assert names(search(client, auth_headers_hr, "backend")) == []

    bob = people["bob"]
    give_text(client, db, auth_headers_hr, bob, "Rust and Go")  # a new version replaces the old text
    assert names(search(client, auth_headers_hr, "espoo")) == []
    assert names(search(client, auth_headers_hr, "rust")) == ["Bob Stone"]
    assert client.delete(f"{URL}{bob.id}/document/", headers=auth_headers_hr).status_code == 200
    assert names(search(client, auth_headers_hr, "rust")) == []

    assert client.delete(f"{URL}{anna.id}/", headers=auth_headers_hr).status_code == 200
    assert names(search(client, auth_headers_hr, "tampere")) == []


def test_a_new_document_is_searchable_only_once_its_text_is_read(client, db, org, auth_headers_hr):
    cv = create_cv(db, org, name="Dana Moss")
    response = client.post(f"{URL}{cv.id}/document/", headers=auth_headers_hr, files={"file": ("cv.txt", b"Kotlin")})
    assert response.status_code == 201
    assert names(search(client, auth_headers_hr, "kotlin")) == []
    db.expire_all()
    document = db.exec(select(CvDocument).where(CvDocument.cv_id == cv.id)).one()
    cv_text.extract_document(document.id)
    assert names(search(client, auth_headers_hr, "kotlin")) == ["Dana Moss"]


def test_another_organizations_cvs_are_never_found(client, db, other_org, auth_headers_hr, people):
    create_cv(db, other_org, name="Anna Python", email="anna@globex.test")
    assert names(search(client, auth_headers_hr, "anna")) == ["Anna Python"]
    assert [row["id"] for row in search(client, auth_headers_hr, "anna")] == [str(people["anna"].id)]


def test_the_snippet_is_escaped_html(client, db, org, auth_headers_hr):
    cv = create_cv(db, org, name="Eve Rand")
    give_text(client, db, auth_headers_hr, cv, 'R&D <script>alert("x")</script> lead')
    [row] = search(client, auth_headers_hr, "alert")
    snippet = row["match"]["snippet"]
    assert 'script&gt;<mark>alert</mark>("x")&lt;/script&gt; lead' in snippet  # where it starts is the database's
    assert snippet.replace("<mark>", "").replace("</mark>", "").count("<") == 0


def test_a_search_over_the_limit_is_refused_and_changes_nothing(client, db, auth_headers_hr, people):
    before = row_counts(db)
    response = client.get(URL, headers=auth_headers_hr, params={"search": "a" * 201})
    assert response.status_code == 400
    assert response.json() == {
        "success": False,
        "message": "Invalid data provided",
        "error": "VALIDATION_ERROR",
        "details": {"search": ["Ensure this field has no more than 200 characters."]},
    }
    assert row_counts(db) == before
    assert len(search(client, auth_headers_hr, "a" * 200)) == 0


def test_interviewers_may_search(client, auth_headers_interviewer, people):
    assert names(search(client, auth_headers_interviewer, "python")) == ["Anna Python", "Bob Stone"]


def test_a_job_title_change_works_after_another_connection_changed_the_schema(people):
    """SQLite: each checkout opens the FTS5 table first, so a schema change made by another connection (a
    migration, the suite's clean-up) cannot make a pooled connection's next job-title change fail with "no such
    table: user_cv_data" (a SQLite 3.40 fault with triggers reaching FTS5 from a foreign-key column's UPDATE)."""
    from sqlalchemy import text

    from hr_app.db import get_engine

    engine = get_engine.__wrapped__()  # an engine of the app's own making, with one pooled connection in use
    anna = people["anna"]
    key = anna.id.hex if engine.dialect.name == "sqlite" else anna.id
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT count(*) FROM user_cv_data")).scalar_one()
        with get_engine().begin() as other:
            other.execute(text("CREATE TABLE scratch_schema_change (id INTEGER)"))
            other.execute(text("DROP TABLE scratch_schema_change"))
        with engine.begin() as connection:  # the same pooled connection, its schema now stale
            update = text("UPDATE user_cv_data SET job_title_id = :job WHERE id = :id")
            connection.execute(update, {"job": people["developer"].id, "id": key})
    finally:
        engine.dispose()
