"""/api/cvs/{id}/tags/, source/ and notes/ (issue 17, beyond the spec): every refusal answers its exact envelope and
changes nothing; other organizations' CVs and notes are 404; only a note's author edits it."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlmodel import select

from hr_app.models import AuditEntry, CvNote, Role
from tests.api.interview_support import validation_error
from tests.factories import auth_header, create_cv, create_user, row_counts

FORBIDDEN_EDIT = {
    "success": False,
    "message": "You do not have permission to perform this action.",
    "error": "FORBIDDEN",
    "details": "Only the note's author can edit it.",
}
CV_NOT_FOUND = {
    "success": False,
    "message": "CV not found",
    "error": "NOT_FOUND",
    "details": "The requested CV does not exist",
}
NOTE_NOT_FOUND = {
    "success": False,
    "message": "Note not found",
    "error": "NOT_FOUND",
    "details": "The requested note does not exist on this CV.",
}


def _url(cv, tail: str) -> str:
    return f"/api/cvs/{cv.id}/{tail}"


def _labels(client, cv, headers) -> dict[str, Any]:
    return client.get(_url(cv, "tags/"), headers=headers).json()["data"]


def _refused(client, db, method: str, url: str, headers, body: Any, status: int, expected: dict) -> None:
    before = row_counts(db)
    response = client.request(method, url, headers=headers, json=body)
    assert (response.status_code, response.json()) == (status, expected)
    assert row_counts(db) == before


def test_tags_are_set_read_and_reused_whatever_their_case(client, db, org, auth_headers_hr, auth_headers_interviewer):
    anna, bob = create_cv(db, org, name="Anna"), create_cv(db, org, name="Bob")
    response = client.put(_url(anna, "tags/"), headers=auth_headers_hr, json={"tags": [" Python ", "remote  ok"]})
    assert response.status_code == 200
    assert response.json() == {
        "success": True,
        "message": "CV tags updated successfully",
        "data": {"tags": ["Python", "remote ok"], "source": None},
    }
    client.put(_url(bob, "tags/"), headers=auth_headers_hr, json={"tags": ["PYTHON"]})
    assert _labels(client, bob, auth_headers_interviewer) == {"tags": ["Python"], "source": None}
    cleared = client.put(_url(anna, "tags/"), headers=auth_headers_hr, json={"tags": []})
    assert cleared.json()["data"] == {"tags": [], "source": None}


@pytest.mark.parametrize(
    ("body", "details"),
    [
        ({}, {"tags": ["This field is required."]}),
        ({"tags": None}, {"tags": ["This field may not be null."]}),
        ({"tags": "python"}, {"tags": ["Expected a list of items."]}),
        ({"tags": ["ok", 7]}, {"tags.1": ["Not a valid string."]}),
        ({"tags": ["ok", "   "]}, {"tags.1": ["This field may not be blank."]}),
        ({"tags": ["x" * 41]}, {"tags.0": ["Ensure this field has no more than 40 characters."]}),
        ({"tags": [f"t{n}" for n in range(21)]}, {"tags": ["Ensure this field has no more than 20 elements."]}),
        ({"tags": ["ok"], "colour": "red"}, {"colour": ["Unknown field."]}),
    ],
)
def test_bad_tags_are_refused_and_nothing_changes(client, db, org, auth_headers_hr, body, details):
    cv = create_cv(db, org)
    client.put(_url(cv, "tags/"), headers=auth_headers_hr, json={"tags": ["kept"]})
    _refused(client, db, "PUT", _url(cv, "tags/"), auth_headers_hr, body, 400, validation_error(details))
    assert _labels(client, cv, auth_headers_hr)["tags"] == ["kept"]


def test_the_source_is_set_cleared_and_checked(client, db, org, auth_headers_admin):
    cv = create_cv(db, org)
    response = client.put(_url(cv, "source/"), headers=auth_headers_admin, json={"source": "job_board"})
    assert response.json() == {
        "success": True,
        "message": "CV source updated successfully",
        "data": {"tags": [], "source": "job_board"},
    }
    for body, details in (
        ({}, {"source": ["This field is required."]}),
        ({"source": "walk_in"}, {"source": ['"walk_in" is not a valid choice.']}),
        ({"source": 3}, {"source": ['"3" is not a valid choice.']}),
        ({"source": "agency", "tags": []}, {"tags": ["Unknown field."]}),
    ):
        _refused(client, db, "PUT", _url(cv, "source/"), auth_headers_admin, body, 400, validation_error(details))
    assert _labels(client, cv, auth_headers_admin)["source"] == "job_board"
    cleared = client.put(_url(cv, "source/"), headers=auth_headers_admin, json={"source": None})
    assert cleared.json()["data"]["source"] is None


def test_the_spec_shaped_cv_answers_carry_no_tags_or_source(client, db, org, auth_headers_hr):
    cv = create_cv(db, org)
    client.put(_url(cv, "tags/"), headers=auth_headers_hr, json={"tags": ["python"]})
    client.put(_url(cv, "source/"), headers=auth_headers_hr, json={"source": "referral"})
    listed = client.get("/api/interview-management/cvs-for-interview/", headers=auth_headers_hr).json()["data"]
    detail = client.get(f"/api/cvs/{cv.id}/", headers=auth_headers_hr).json()["data"]
    assert not {"tags", "source"} & (set(listed[0]) | set(detail))


def test_the_cv_list_filters_by_tag_and_source_with_and_without_a_search(client, db, org, auth_headers_hr):
    anna, bob, _ = (create_cv(db, org, name=name) for name in ("Anna Python", "Bob Python", "Cleo Python"))
    client.put(_url(anna, "tags/"), headers=auth_headers_hr, json={"tags": ["Senior"]})
    client.put(_url(bob, "tags/"), headers=auth_headers_hr, json={"tags": ["senior", "remote"]})
    client.put(_url(bob, "source/"), headers=auth_headers_hr, json={"source": "agency"})

    def names(query: str) -> list[str]:
        response = client.get(f"/api/cvs/?{query}", headers=auth_headers_hr)
        assert response.status_code == 200, response.text
        return [row["name"] for row in response.json()["data"]]

    assert names("tag=SENIOR") == names("search=python&tag=%20senior") == ["Anna Python", "Bob Python"]
    assert names("source=agency") == names("search=python&source=agency&tag=remote") == ["Bob Python"]
    assert names("tag=nobody") == names("search=python&tag=nobody") == []
    assert len(names("tag=")) == 3
    refused = client.get("/api/cvs/?source=walk_in", headers=auth_headers_hr)
    assert (refused.status_code, refused.json()) == (
        400,
        validation_error({"source": ['"walk_in" is not a valid choice.']}),
    )


def test_notes_are_added_listed_newest_first_and_edited_by_their_author(
    client, db, org, hr_user, interviewer, auth_headers_hr, auth_headers_interviewer
):
    cv = create_cv(db, org)
    first = client.post(_url(cv, "notes/"), headers=auth_headers_interviewer, json={"text": "  Calm and precise  "})
    assert first.status_code == 201
    note = first.json()["data"]
    assert first.json()["message"] == "Note added successfully"
    assert (note["text"], note["author_id"], note["author_name"], note["edited"]) == (
        "Calm and precise",
        interviewer.id,
        "Ivy Iyer",
        False,
    )
    assert set(note) == {"id", "text", "author_id", "author_name", "created_at", "updated_at", "edited"}
    db.get(CvNote, uuid.UUID(note["id"])).created_at = db.get(CvNote, uuid.UUID(note["id"])).created_at.replace(
        year=2025
    )
    db.commit()
    client.post(_url(cv, "notes/"), headers=auth_headers_hr, json={"text": "Wants to relocate"})
    listed = client.get(_url(cv, "notes/"), headers=auth_headers_interviewer).json()
    assert listed["message"] == "Found 2 note(s)"
    assert [(row["text"], row["author_name"]) for row in listed["data"]] == [
        ("Wants to relocate", "Jane Smith"),
        ("Calm and precise", "Ivy Iyer"),
    ]

    url = _url(cv, f"notes/{note['id']}/")
    _refused(client, db, "PATCH", url, auth_headers_hr, {"text": "Rewritten"}, 403, FORBIDDEN_EDIT)
    edited = client.patch(url, headers=auth_headers_interviewer, json={"text": "Very calm"})
    assert edited.status_code == 200 and edited.json()["data"]["text"] == "Very calm"
    assert edited.json()["data"]["edited"] is True


@pytest.mark.parametrize(
    ("body", "details"),
    [
        ({}, {"text": ["This field is required."]}),
        ({"text": None}, {"text": ["This field may not be null."]}),
        ({"text": "   "}, {"text": ["This field may not be blank."]}),
        ({"text": 5}, {"text": ["Not a valid string."]}),
        ({"text": "x" * 5001}, {"text": ["Ensure this field has no more than 5000 characters."]}),
        ({"text": "ok", "author_id": 1}, {"author_id": ["Unknown field."]}),
    ],
)
def test_bad_notes_are_refused_on_add_and_edit_and_nothing_changes(client, db, org, auth_headers_hr, body, details):
    cv = create_cv(db, org)
    kept = client.post(_url(cv, "notes/"), headers=auth_headers_hr, json={"text": "kept"}).json()["data"]
    for method, url in (("POST", _url(cv, "notes/")), ("PATCH", _url(cv, f"notes/{kept['id']}/"))):
        _refused(client, db, method, url, auth_headers_hr, body, 400, validation_error(details))
    assert [row["text"] for row in client.get(_url(cv, "notes/"), headers=auth_headers_hr).json()["data"]] == ["kept"]


def test_the_author_or_an_admin_deletes_a_note_and_the_trail_keeps_its_text(
    client, db, org, hr_user, auth_headers_hr, auth_headers_admin, auth_headers_interviewer
):
    cv = create_cv(db, org)
    ids = [
        client.post(_url(cv, "notes/"), headers=auth_headers_hr, json={"text": body}).json()["data"]["id"]
        for body in ("First thought", "Second thought")
    ]
    _refused(
        client,
        db,
        "DELETE",
        _url(cv, f"notes/{ids[0]}/"),
        auth_headers_interviewer,
        None,
        403,
        FORBIDDEN_EDIT | {"details": "Only the note's author or an admin can delete it."},
    )
    for note_id, headers in zip(ids, (auth_headers_hr, auth_headers_admin), strict=True):
        response = client.delete(_url(cv, f"notes/{note_id}/"), headers=headers)
        assert response.json() == {"success": True, "message": "Note deleted successfully"}
    assert client.get(_url(cv, "notes/"), headers=auth_headers_hr).json()["data"] == []
    trail = db.exec(select(AuditEntry).where(AuditEntry.action == "note deleted").order_by(AuditEntry.id)).all()
    assert [(entry.object_id, entry.before["text"]) for entry in trail] == [
        (str(cv.id), "First thought"),
        (str(cv.id), "Second thought"),
    ]


def test_other_organizations_cvs_and_notes_of_other_cvs_are_404(client, db, org, other_org, auth_headers_hr):
    mine, theirs = create_cv(db, org), create_cv(db, other_org)
    stranger = create_user(db, other_org, role=Role.ADMIN)
    foreign = client.post(_url(theirs, "notes/"), headers=auth_header(stranger), json={"text": "theirs"}).json()
    other_cv = create_cv(db, org)
    sibling = client.post(_url(other_cv, "notes/"), headers=auth_headers_hr, json={"text": "sibling"}).json()
    for method, tail, body in (
        ("GET", "tags/", None),
        ("PUT", "tags/", {"tags": ["x"]}),
        ("PUT", "source/", {"source": "other"}),
        ("GET", "notes/", None),
        ("POST", "notes/", {"text": "x"}),
        ("PATCH", f"notes/{foreign['data']['id']}/", {"text": "x"}),
    ):
        _refused(client, db, method, _url(theirs, tail), auth_headers_hr, body, 404, CV_NOT_FOUND)
    for note_id in (foreign["data"]["id"], sibling["data"]["id"], "not-a-uuid", str(uuid.uuid4())):
        for method, body in (("PATCH", {"text": "x"}), ("DELETE", None)):
            url = _url(mine, f"notes/{note_id}/")
            _refused(client, db, method, url, auth_headers_hr, body, 404, NOTE_NOT_FOUND)
