"""The duplicate warning of the add-CV dialog and the profile's Possible duplicates card with its Merge dialog,
as their states read them (the rules are the services': tests/services/test_cv_duplicates.py, test_cv_merge.py)."""

from __future__ import annotations

from sqlmodel import select

from hr_app.models import CvNote, UserCvData
from hr_app.ui.components.cv_add import AddCvDialogState
from hr_app.ui.components.cv_duplicates import CvDuplicatesState, moved_summary
from tests.api.interview_support import make_interview
from tests.factories import create_cv
from tests.ui.conftest import drain, push_to


def test_the_add_dialog_warns_of_the_same_email_or_phone_before_saving(make_state, db, org, hr_user):
    anna = create_cv(db, org, name="Anna Bell", email="anna.bell@example.org", phone_number="+358 40 123 4567")
    state = make_state(AddCvDialogState, hr_user)
    drain(state.set_add_open(True))
    drain(state.check_duplicates("email", "  Anna.Bell@Example.org "))
    assert [(row.name, row.reason, row.url) for row in state.add_duplicates] == [
        ("Anna Bell", "same e-mail", f"/cvs/{anna.id}")
    ]
    drain(state.check_duplicates("phone_number", "040-123 4567"))
    assert [row.reason for row in state.add_duplicates] == ["same e-mail and phone"]
    drain(state.check_duplicates("email", "someone.else@example.org"))
    assert [row.reason for row in state.add_duplicates] == ["same phone"]
    drain(state.set_add_open(True))  # opened again: no warning left over
    assert state.add_duplicates == []
    assert db.exec(select(UserCvData).where(UserCvData.organization_id == org.id)).all() == [anna]


def test_the_profile_lists_duplicates_and_merges_one_after_naming_what_moves(make_state, db, org, hr_user):
    stays = create_cv(db, org, name="Anna Bell", email="anna.bell@example.org", phone_number="", place="", district="")
    goes = create_cv(db, org, name="Anna B.", email="anna.b@example.org", phone_number="", place="Oulu", district="")
    goes.email = "anna.bell@example.org "  # the same person, typed with a space (the API would trim it)
    db.add(goes)
    db.add(CvNote(organization_id=org.id, cv_id=goes.id, body="Met at the fair"))
    db.commit()
    make_interview(db, org, cv=goes, status="rejected", cv_status="rejected")
    goes_id = goes.id
    state = make_state(CvDuplicatesState, hr_user)
    state.cv_id = str(stays.id)
    drain(state._read())
    drain(state.load_duplicates())
    assert [(row.id, row.name, row.reason) for row in state.duplicates] == [(str(goes.id), "Anna B.", "same e-mail")]

    drain(state.ask_merge(str(goes.id), "Anna B."))
    assert state.merge_open
    assert state.merge_summary == "1 interview and 1 note"
    drain(state.merge())
    assert not state.merge_open and state.duplicates == []
    assert [row.label for row in state.rounds] == ["Round 1"]
    assert state.contact["status"] == "rejected" and state.contact["place"] == "Oulu"
    db.expire_all()
    assert db.get(UserCvData, goes_id) is None


def test_interviewers_see_duplicates_but_may_not_merge(make_state, db, org, interviewer):
    stays = create_cv(db, org, email="same@example.org ")
    goes = create_cv(db, org, email="same@example.org")
    state = make_state(CvDuplicatesState, interviewer)
    state.cv_id = str(stays.id)
    drain(state._read())
    drain(state.load_duplicates())
    assert [row.id for row in state.duplicates] == [str(goes.id)]
    assert not state.can_manage
    events = drain(state.ask_merge(str(goes.id), goes.name))
    assert not state.merge_open and events  # refused (403): a toast, no dialog


def test_the_summary_reads_as_a_sentence():
    assert moved_summary({}) == "nothing but its contact details"
    assert moved_summary({"interview": 2, "cv_document": 1, "cv_tag_link": 3}) == (
        "2 interviews, 1 document version and 3 tags"
    )
    assert moved_summary({"some_new_table": 1}) == "1 some_new_table"


def test_a_merge_that_would_be_refused_says_why_before_any_dialog(make_state, db, org, hr_user):
    stays = create_cv(db, org, email="same@example.org ")
    goes = create_cv(db, org, email="same@example.org")
    make_interview(db, org, cv=stays)
    make_interview(db, org, cv=goes)
    state = make_state(CvDuplicatesState, hr_user)
    state.cv_id = str(stays.id)
    events = drain(state.ask_merge(str(goes.id), goes.name))
    assert not state.merge_open
    assert "Both CVs have an interview in progress" in str(events)


def test_the_card_follows_a_change_made_elsewhere(make_state, db, org, hr_user):
    stays = create_cv(db, org, email="same@example.org")
    state = make_state(CvDuplicatesState, hr_user)
    state.cv_id = str(stays.id)
    drain(state._read())
    drain(state.load_duplicates())
    assert state.duplicates == []
    later = create_cv(db, org, name="Same Again", email="Same@example.org")
    assert push_to(state, str(org.id))
    assert [row.name for row in state.duplicates] == [later.name]
