"""GET /api/cvs/{id}/duplicates/ and POST /api/cvs/{id}/merge/ (decision 91): everything of the duplicate moves
to the CV that stays, or, refused, nothing changes at all."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from sqlmodel import col, select

from hr_app.models import (
    AuditEntry,
    CvDocument,
    CvNote,
    CvTag,
    CvTagLink,
    DocumentKind,
    Evaluation,
    Interview,
    PanelCandidate,
    UserCvData,
)
from tests.api.interview_support import validation_error
from tests.factories import create_cv, create_org, row_counts
from tests.question_factories import create_bank, create_panel


def _when(month: int, day: int) -> datetime:
    return datetime(2026, month, day, 10, 0, tzinfo=UTC)


def _round(db, cv: UserCvData, number: int, held: datetime, status: str) -> Interview:
    interview = Interview(
        organization_id=cv.organization_id, candidate_id=cv.id, scheduled_at=held, status=status, round=number
    )
    db.add(interview)
    db.flush()
    db.add(Evaluation(interview_id=interview.id, remark=f"{cv.name} round {number}"))
    db.commit()
    return interview


def _document(db, cv: UserCvData, version: int, uploaded: datetime, *, current: bool) -> CvDocument:
    document = CvDocument(
        organization_id=cv.organization_id,
        cv_id=cv.id,
        version=version,
        is_current=current,
        kind=DocumentKind.TXT,
        file_name=f"{cv.name} v{version}.txt",
        content_type="text/plain",
        size=1,
        sha256="0" * 64,
        uploaded_at=uploaded,
    )
    db.add(document)
    db.commit()
    return document


def _tag(db, cv: UserCvData, tag: CvTag) -> None:
    db.add(CvTagLink(cv_id=cv.id, tag_id=tag.id))
    db.commit()


def _merge(client, headers, cv, body: Any):
    return client.post(f"/api/cvs/{cv.id}/merge/", headers=headers, json=body)


@pytest.fixture
def pair(db, org):
    """Anna twice: the CV that stays (no phone, no place) and an older duplicate with more of her history."""
    stays = create_cv(db, org, name="Anna Bell", email="anna.bell@example.org", phone_number="", place="")
    goes = create_cv(db, org, name="Anna B.", email="anna@example.org", phone_number="+358 40 123 4567", place="Oulu")
    return stays, goes


def _full_history(db, org, stays: UserCvData, goes: UserCvData) -> dict[str, Any]:
    first = _round(db, goes, 1, _when(1, 5), "selected")
    middle = _round(db, stays, 1, _when(1, 10), "selected")
    last = _round(db, goes, 2, _when(2, 1), "pending")
    old = _document(db, goes, 1, _when(1, 1), current=False)
    theirs = _document(db, goes, 2, _when(1, 2), current=True)
    ours = _document(db, stays, 1, _when(1, 3), current=True)
    panel, _ = create_panel(db, org, create_bank(db, org), candidates=[goes])
    python = CvTag(organization_id=org.id, name="Python", key="python")
    senior = CvTag(organization_id=org.id, name="Senior", key="senior")
    db.add_all([python, senior])
    db.commit()
    _tag(db, stays, python)
    _tag(db, goes, python)
    _tag(db, goes, senior)
    db.add_all([CvNote(organization_id=org.id, cv_id=goes.id, body=f"note {n}") for n in range(2)])
    db.commit()
    return {"rounds": [first, middle, last], "documents": [old, theirs, ours], "panel": panel, "tags": [python, senior]}


def test_merge_moves_everything_and_deletes_the_duplicate(client, db, org, pair, auth_headers_hr):
    stays, goes = pair
    history = _full_history(db, org, stays, goes)
    goes_id = goes.id
    response = _merge(client, auth_headers_hr, stays, {"duplicate_id": str(goes_id)})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["message"] == "CVs merged successfully"
    data = body["data"]
    assert data["duplicate_id"] == str(goes_id)
    assert data["moved"] == {"interview": 2, "cv_document": 2, "panel_candidate": 1, "cv_note": 2, "cv_tag_link": 1}
    assert data["skipped"] == {"cv_tag_link": 1}
    assert data["filled"] == ["phone_number", "place"]
    assert data["cv"]["id"] == str(stays.id)
    assert (data["cv"]["phone_number"], data["cv"]["place"], data["cv"]["interview_status"]) == (
        "+358 40 123 4567",
        "Oulu",
        "ongoing",
    )
    assert data["cv"]["document"]["file_name"] == "Anna Bell v1.txt"
    assert data["cv"]["document"]["version"] == 3

    db.expire_all()
    assert db.get(UserCvData, goes_id) is None
    rounds = db.exec(select(Interview).where(Interview.candidate_id == stays.id).order_by(col(Interview.round))).all()
    assert [(interview.id, interview.round) for interview in rounds] == [
        (interview.id, number) for number, interview in enumerate(history["rounds"], start=1)
    ]
    documents = db.exec(select(CvDocument).where(CvDocument.cv_id == stays.id).order_by(CvDocument.version)).all()
    assert [(d.id, d.version, d.is_current) for d in documents] == [
        (history["documents"][0].id, 1, False),
        (history["documents"][1].id, 2, False),
        (history["documents"][2].id, 3, True),
    ]
    assert documents[1].replaced_at is not None
    sitting = db.exec(select(PanelCandidate).where(PanelCandidate.panel_id == history["panel"].id)).one()
    assert sitting.candidate_id == stays.id
    assert sorted(link.tag_id for link in db.exec(select(CvTagLink).where(CvTagLink.cv_id == stays.id))) == sorted(
        tag.id for tag in history["tags"]
    )
    assert len(db.exec(select(CvNote).where(CvNote.cv_id == stays.id)).all()) == 2
    entries = db.exec(select(AuditEntry).where(AuditEntry.action == "merged")).all()
    assert len(entries) == 1
    entry = entries[0]
    assert (entry.object_type, entry.object_id) == ("cv", str(stays.id))
    assert entry.before == {"phone_number": "", "place": "", "status": "pending"}
    assert entry.after["duplicate_id"] == str(goes_id)
    assert entry.after["duplicate"]["email"] == "anna@example.org"
    assert entry.after["moved"] == data["moved"] and entry.after["skipped"] == data["skipped"]
    assert (entry.after["phone_number"], entry.after["status"]) == ("+358 40 123 4567", "ongoing")


def test_without_a_document_of_its_own_the_survivor_takes_the_duplicates(client, db, pair, auth_headers_admin):
    stays, goes = pair
    theirs = _document(db, goes, 1, _when(1, 2), current=True)
    response = _merge(client, auth_headers_admin, stays, {"duplicate_id": str(goes.id)})
    assert response.status_code == 200, response.text
    assert response.json()["data"]["cv"]["document"]["file_name"] == theirs.file_name
    db.expire_all()
    assert (db.get(CvDocument, theirs.id).cv_id, db.get(CvDocument, theirs.id).is_current) == (stays.id, True)


def test_search_finds_the_survivor_by_the_document_it_took(client, db, pair, auth_headers_hr):
    stays, goes = pair
    theirs = _document(db, goes, 1, _when(1, 2), current=True)
    theirs.text = "Kubernetes operator written in Rust"
    db.add(theirs)
    db.commit()
    goes_id = goes.id
    assert _merge(client, auth_headers_hr, stays, {"duplicate_id": str(goes_id)}).status_code == 200
    found = client.get("/api/cvs/", params={"search": "kubernetes"}, headers=auth_headers_hr).json()["data"]
    assert [row["id"] for row in found] == [str(stays.id)]
    assert "<mark>Kubernetes</mark>" in found[0]["match"]["snippet"]


def test_duplicates_lists_the_other_cvs_with_the_same_email_or_phone(client, db, org, pair, auth_headers_interviewer):
    stays, goes = pair
    stays.phone_number = "040-123 4567"
    db.add(stays)
    db.commit()
    create_cv(db, create_org(db), email="anna.bell@example.org", phone_number="+358 40 123 4567")
    same_email = create_cv(db, org, name="Anna Other", email=" Anna.Bell@example.org", phone_number="")
    response = client.get(f"/api/cvs/{stays.id}/duplicates/", headers=auth_headers_interviewer)
    assert response.status_code == 200
    assert response.json() == {
        "success": True,
        "message": "Found 2 possible duplicate(s)",
        "data": {
            "duplicates": [
                {
                    "id": str(same_email.id),
                    "name": "Anna Other",
                    "email": " Anna.Bell@example.org",
                    "phone": "",
                    "matched_on": ["email"],
                },
                {
                    "id": str(goes.id),
                    "name": "Anna B.",
                    "email": "anna@example.org",
                    "phone": "+358 40 123 4567",
                    "matched_on": ["phone"],
                },
            ]
        },
    }


# --- refusals: each leaves every row as it was --------------------------------------------------------


def _unchanged(db, before: dict[str, int], *cvs: UserCvData) -> None:
    assert row_counts(db) == before
    for cv in cvs:
        assert db.get(UserCvData, cv.id) is not None


@pytest.mark.parametrize(
    ("body", "field", "problem"),
    [
        ({"duplicate_id": 5}, "duplicate_id", "Must be a valid UUID."),
        ({"duplicate_id": "not-a-uuid"}, "duplicate_id", "Must be a valid UUID."),
        ({}, "duplicate_id", "This field is required."),
        ({"duplicate_id": None}, "duplicate_id", "This field may not be null."),
    ],
)
def test_wrong_bodies_are_400_and_change_nothing(client, db, org, pair, auth_headers_hr, body, field, problem):
    stays, goes = pair
    _full_history(db, org, stays, goes)
    before = row_counts(db)
    response = _merge(client, auth_headers_hr, stays, body)
    assert response.status_code == 400, response.text
    details = response.json()["details"]
    assert list(details) == [field]
    assert details[field] == [problem]
    _unchanged(db, before, stays, goes)


def test_unknown_fields_are_400_and_change_nothing(client, db, org, pair, auth_headers_hr):
    stays, goes = pair
    before = row_counts(db)
    response = _merge(client, auth_headers_hr, stays, {"duplicate_id": str(goes.id), "keep": "both"})
    assert response.status_code == 400
    assert list(response.json()["details"]) == ["keep"]
    _unchanged(db, before, stays, goes)


def test_merging_a_cv_with_itself_is_400(client, db, org, pair, auth_headers_hr):
    stays, goes = pair
    before = row_counts(db)
    response = _merge(client, auth_headers_hr, stays, {"duplicate_id": str(stays.id)})
    assert response.status_code == 400
    assert response.json() == validation_error({"duplicate_id": ["A CV cannot be merged with itself."]})
    _unchanged(db, before, stays, goes)


def test_another_organizations_cv_is_404_either_way(client, db, org, pair, auth_headers_hr, outsider):
    stays, goes = pair
    theirs = create_cv(db, create_org(db), email="anna.bell@example.org")
    before = row_counts(db)
    for survivor, duplicate in ((stays, theirs), (theirs, stays)):
        response = _merge(client, auth_headers_hr, survivor, {"duplicate_id": str(duplicate.id)})
        assert response.status_code == 404
        assert response.json()["message"] == "CV not found"
    assert client.get(f"/api/cvs/{theirs.id}/duplicates/", headers=auth_headers_hr).status_code == 404
    _unchanged(db, before, stays, goes, theirs)


def test_interviewers_may_not_merge(client, db, org, pair, auth_headers_interviewer):
    stays, goes = pair
    before = row_counts(db)
    response = _merge(client, auth_headers_interviewer, stays, {"duplicate_id": str(goes.id)})
    assert response.status_code == 403
    assert response.json()["error"] == "FORBIDDEN"
    _unchanged(db, before, stays, goes)


def _both_in_progress(db, org, stays, goes) -> None:
    _round(db, stays, 1, _when(1, 10), "pending")
    _round(db, goes, 1, _when(2, 10), "pending")


def _in_progress_then_later(db, org, stays, goes) -> None:
    _round(db, stays, 1, _when(1, 10), "pending")
    _round(db, goes, 1, _when(2, 10), "rejected")


def _same_panel(db, org, stays, goes) -> None:
    create_panel(db, org, create_bank(db, org), candidates=[stays, goes], name="Python basics")


@pytest.mark.parametrize(
    ("arrange", "detail"),
    [
        (_both_in_progress, "Both CVs have an interview in progress. Decide or delete one of them first."),
        (
            _in_progress_then_later,
            "The interview in progress (2026-01-10 10:00 UTC) would be followed by a later round of the other CV. "
            "Decide it first.",
        ),
        (_same_panel, "Both CVs sat the panel(s) Python basics; a candidate has one sitting per panel."),
    ],
)
def test_clashing_histories_are_409_and_change_nothing(client, db, org, pair, auth_headers_hr, arrange, detail):
    stays, goes = pair
    arrange(db, org, stays, goes)
    before = row_counts(db)
    response = _merge(client, auth_headers_hr, stays, {"duplicate_id": str(goes.id)})
    assert response.status_code == 409, response.text
    assert response.json() == {
        "success": False,
        "message": "Cannot merge these CVs",
        "error": "CONFLICT",
        "details": detail,
    }
    _unchanged(db, before, stays, goes)
    db.expire_all()
    assert {i.candidate_id for i in db.exec(select(Interview))} <= {stays.id, goes.id}


async def test_two_merges_of_one_pair_at_once_one_wins(api_app, db, org, pair, auth_headers_hr):
    stays, goes = pair
    _full_history(db, org, stays, goes)
    ids = [stays.id, goes.id]
    requests = [(ids[0], ids[1]), (ids[0], ids[1]), (ids[1], ids[0])]
    transport = httpx.ASGITransport(app=api_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test", timeout=60) as client:
        gate = asyncio.Event()

        async def send(survivor: uuid.UUID, duplicate: uuid.UUID) -> httpx.Response:
            await gate.wait()
            body = {"duplicate_id": str(duplicate)}
            return await client.post(f"/api/cvs/{survivor}/merge/", json=body, headers=auth_headers_hr)

        tasks = [asyncio.create_task(send(*request)) for request in requests]
        await asyncio.sleep(0)
        gate.set()
        responses = await asyncio.gather(*tasks)
    assert Counter(response.status_code for response in responses) == {200: 1, 404: 2}
    db.expire_all()
    remaining = db.exec(select(UserCvData).where(col(UserCvData.id).in_(ids))).all()
    assert len(remaining) == 1
    assert len(db.exec(select(Interview).where(Interview.candidate_id == remaining[0].id)).all()) == 3
    assert len(db.exec(select(AuditEntry).where(AuditEntry.action == "merged")).all()) == 1
