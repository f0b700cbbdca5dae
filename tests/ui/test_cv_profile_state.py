"""The candidate's profile (/cvs/[cv_id]) as its state reads it: contact details, the document's text, two
rounds, a panel result (admin and hr only) and the CV's history; another organization's CV is not found."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from sqlmodel import select

from hr_app.db import session_scope
from hr_app.kit.errors import NotFound
from hr_app.models import Answer, CvStatus
from hr_app.services import cv_documents, cv_text, cvs, interviews
from hr_app.services.cv_documents import DocumentUpload
from hr_app.ui.states.cv_profile import CvProfileState
from tests.api.interview_support import make_interview
from tests.documents import pdf_bytes
from tests.factories import create_cv
from tests.question_factories import create_bank, create_panel, create_question
from tests.ui.conftest import drain


def _upload(user, cv_id, name: str, content: bytes) -> None:
    with session_scope() as session:
        document = cv_documents.upload_document(
            session, actor=session.merge(user), cv_id=cv_id, upload=DocumentUpload(io.BytesIO(content), name)
        )
        document_id = document.id
    cv_text.extract_document(document_id)


def _profile(make_state, user, cv_id) -> CvProfileState:
    state = make_state(CvProfileState, user)
    state.cv_id = str(cv_id)
    drain(state._read())
    return state


def test_the_profile_shows_everything_about_one_candidate(make_state, db, org, hr_user, interviewer):
    cv = create_cv(db, org, name="Pia Profile", phone_number="", place="Kochi", district="Ernakulam")
    first = make_interview(db, org, cv=cv, status="selected", cv_status=CvStatus.SELECTED, appearance=8, knowledge=6)
    with session_scope() as session:
        interviews.next_round(
            session,
            actor=session.merge(hr_user),
            interview_id=first.id,
            scheduled_at=datetime(2030, 1, 15, 10, 0, tzinfo=UTC),
            interviewer_id=interviewer.id,
        )
    bank = create_bank(db, org, easy=2, medium=1, hard=1)
    panel, (sitting,) = create_panel(db, org, bank, name="Python Panel", candidates=[cv], easy=2, medium=1, hard=1)
    sitting.score, sitting.opened_at, sitting.submitted_at = 3, datetime.now(UTC), datetime.now(UTC)
    db.add(sitting)
    db.commit()
    _upload(hr_user, cv.id, "pia.txt", b"Pia Profile\nPhone +358 40 765 4321\nReflex and SQLModel")
    with session_scope() as session:
        cvs.update_cv(session, actor=session.merge(hr_user), cv_id=cv.id, values={"place": "Kollam"})

    state = _profile(make_state, hr_user, cv.id)
    assert state.loaded and state.not_found == ""
    assert state.contact == {
        "name": "Pia Profile",
        "email": cv.email,
        "phone_number": "",
        "job_title": state.contact["job_title"],
        "job_title_id": state.contact["job_title_id"],
        "place": "Kollam",
        "district": "Ernakulam",
        "location": "Kollam, Ernakulam",
        "status": "ongoing",
    }
    assert state.has_document and not state.is_pdf
    assert state.document_text == "Pia Profile\nPhone +358 40 765 4321\nReflex and SQLModel"
    assert (state.document["file_name"], state.document["suggested_phone"]) == ("pia.txt", "+358 40 765 4321")
    assert [(r.label, r.status, r.interviewer, r.average) for r in state.rounds] == [
        ("Round 1", "selected", "No interviewer", "7.0"),
        ("Round 2", "pending", interviewer.full_name, "Not rated yet"),
    ]
    assert state.can_see_panels
    assert [(p.name, p.result, p.url) for p in state.panels] == [("Python Panel", "3 of 4", f"/panels/{panel.id}")]
    assert [row.action for row in state.activity][:2] == ["updated", "document uploaded"]


def test_a_scanned_pdf_says_no_text_found_and_interviewers_see_no_panels(make_state, db, org, hr_user, interviewer):
    cv = create_cv(db, org, name="Sam Scan")
    _upload(hr_user, cv.id, "scan.pdf", pdf_bytes())
    state = _profile(make_state, interviewer, cv.id)
    assert state.is_pdf and state.document_text == ""
    assert state.document["text_note"] == "No text found (a scan: the text cannot be searched)"
    assert state.document["url"] == f"/api/cvs/{cv.id}/document/"
    assert not state.can_see_panels and state.panels == []


def test_another_organizations_cv_is_not_found(make_state, db, other_org, hr_user):
    foreign = create_cv(db, other_org, name="Not Yours")
    state = make_state(CvProfileState, hr_user)
    state.cv_id = str(foreign.id)
    with pytest.raises(NotFound, match="CV not found"):
        drain(state._read())
    assert state.contact == {} and not state.loaded


def test_the_profile_uploads_a_document_with_the_apis_checks(make_state, db, org, hr_user):
    from hr_app.ui.components.cv_profile_upload import CvDocumentUploadState
    from hr_app.ui.upload_guard import upload_caps
    from tests.factories import row_counts

    cv = create_cv(db, org, name="Uma Upload")
    state = make_state(CvDocumentUploadState, hr_user)
    state.cv_id = str(cv.id)
    drain(state._read())
    before = row_counts(db)
    drain(state.upload_cv_document([rx_file("cv.pdf", b"just text, renamed")]))
    assert state.document_error == "The file content is not a valid PDF document." and row_counts(db) == before
    drain(state.upload_cv_document([rx_file("uma.pdf", pdf_bytes("Uma Upload"))]))
    assert state.document_error == "" and state.has_document and state.is_pdf
    assert state.document["file_name"] == "uma.pdf"
    assert upload_caps()[f"{CvDocumentUploadState.get_full_name()}.upload_cv_document"] > 10 * 1024 * 1024


class rx_file:  # lower case: it reads as the call it stands for
    """What the upload handler reads of an rx.UploadFile: a seekable file and the browser's file name."""

    def __init__(self, name: str, content: bytes) -> None:
        self.file, self.filename = io.BytesIO(content), name


def test_each_panel_sitting_shows_the_candidates_answers(make_state, db, org, hr_user):
    cv = create_cv(db, org, name="Ana Answers")
    bank = create_bank(db, org, easy=0, medium=0, hard=0)
    asked = create_question(db, bank.subtopic, text="Which keyword defines a function?", options=("def", "fun"))
    skipped = create_question(db, bank.subtopic, text="Which keyword imports?", options=("import", "use"))
    _, (sitting,) = create_panel(db, org, bank, candidates=[cv], easy=2, medium=0, hard=0)
    db.add(Answer(panel_candidate_id=sitting.id, question_id=asked.id, position=1, selected_option=1, seconds_spent=42))
    db.add(Answer(panel_candidate_id=sitting.id, question_id=skipped.id, position=2))
    db.commit()
    state = _profile(make_state, hr_user, cv.id)
    assert state.panels[0].answers == [
        "1. Which keyword defines a function? fun (42 s)",
        "2. Which keyword imports? no answer",
    ]
    for answer in db.exec(select(Answer).where(Answer.panel_candidate_id == sitting.id)):
        answer.is_correct = answer.selected_option == 0
        db.add(answer)
    sitting.submitted_at = datetime.now(UTC)
    db.add(sitting)
    db.commit()
    state = _profile(make_state, hr_user, cv.id)  # once submitted, each answer says right or wrong
    assert state.panels[0].answers == [
        "1. Which keyword defines a function? fun (wrong, 42 s)",
        "2. Which keyword imports? no answer (wrong)",
    ]
