"""The interview page's Next round dialog: after a selected round it starts the next one (the API's rules), shows
the service's refusal in the dialog, and goes to the new round's page."""

from __future__ import annotations

from sqlmodel import select

from hr_app.models import CvStatus, Interview
from hr_app.ui.components.interview_next_round import NextRoundDialogState
from tests.api.interview_support import cv_row, make_interview
from tests.factories import row_counts
from tests.ui.conftest import drain


def _dialog(make_state, user, interview) -> NextRoundDialogState:
    state = make_state(NextRoundDialogState, user)
    state.interview_id = str(interview.id)
    state.candidate = {"name": "Nina Next"}
    drain(state.open_next_round())
    return state


def test_the_dialog_starts_round_two_and_opens_it(make_state, db, org, hr_user, interviewer):
    first = make_interview(db, org, status="selected", cv_status=CvStatus.SELECTED)
    state = _dialog(make_state, hr_user, first)
    assert state.round_open and state.round_when != ""
    assert str(interviewer.id) in [option.value for option in state.round_people]
    state.set_round_interviewer(str(interviewer.id))
    events = drain(state.start_next_round())
    db.expire_all()
    second = db.exec(select(Interview).where(Interview.candidate_id == first.candidate_id, Interview.round == 2)).one()
    assert (second.interviewer_id, second.status) == (interviewer.id, "pending")
    assert cv_row(db, first.candidate_id).status == CvStatus.ONGOING
    assert not state.round_open and state.round_error == ""
    assert any(f"/interviews/{second.id}" in str(event) for event in events)


def test_a_refusal_shows_in_the_dialog_and_changes_nothing(make_state, db, org, hr_user):
    pending = make_interview(db, org)
    state = _dialog(make_state, hr_user, pending)
    before = row_counts(db)
    drain(state.start_next_round())
    assert state.round_open
    assert state.round_error == "Interview status is 'pending'. Only a selected interview leads to a next round."
    assert row_counts(db) == before


def test_a_missing_time_is_said_next_to_the_field(make_state, db, org, hr_user):
    first = make_interview(db, org, status="selected", cv_status=CvStatus.SELECTED)
    state = _dialog(make_state, hr_user, first)
    state.set_round_when("")
    before = row_counts(db)
    drain(state.start_next_round())
    assert state.round_when_error == "Pick a date and a time." and row_counts(db) == before
