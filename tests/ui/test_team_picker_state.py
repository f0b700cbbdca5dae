"""The start and next-round dialogs pick co-interviewers (issue 18): ticked members join the new interview in
the start's unit of work; the service's refusal shows next to the picker and nothing is started."""

from __future__ import annotations

from sqlmodel import select

from hr_app.kit.limits import INTERVIEWERS_MAX
from hr_app.models import CvStatus, Interview, Role
from hr_app.services import interview_team, scorecards
from hr_app.ui.components.cv_start import StartInterviewDialogState
from hr_app.ui.components.team_picker import toggled
from tests.api.interview_support import make_interview
from tests.factories import create_cv, create_user, row_counts
from tests.ui.conftest import drain
from tests.ui.test_next_round_state import _dialog


def _team(db, cv_id) -> list[int]:
    db.expire_all()
    interview = db.exec(select(Interview).where(Interview.candidate_id == cv_id).order_by(Interview.round)).all()[-1]
    return scorecards.interviewer_ids(db, interview)


def test_toggling_keeps_the_order_ticked_and_drops_unticked():
    assert toggled([], "3", True) == ["3"]
    assert toggled(["3", "5"], "3", False) == ["5"]
    assert toggled(["3", "5"], "3", True) == ["5", "3"]


def test_the_start_dialog_starts_with_the_ticked_co_interviewers(make_state, db, org, hr_user, interviewer):
    ben = create_user(db, org, role=Role.INTERVIEWER, first_name="Ben", last_name="Oak")
    cv = create_cv(db, org, name="Tea Mwork")
    state = make_state(StartInterviewDialogState, hr_user)
    drain(state.parent_state.load())
    state.open_start(str(cv.id), cv.name)
    assert state.start_team == [] and str(ben.id) in [option.value for option in state.people]
    state.toggle_start_team(str(ben.id), True)
    state.toggle_start_team(str(interviewer.id), True)
    state.set_start_interviewer(str(interviewer.id))  # chosen as the lead: no longer a co-interviewer
    assert state.start_team == [str(ben.id)]
    drain(state.start_interview())
    assert state.start_error == state.start_team_error == "" and not state.start_open
    assert _team(db, cv.id) == [interviewer.id, ben.id]


def test_a_refused_team_is_said_next_to_the_picker_and_nothing_starts(make_state, db, org, hr_user, interviewer):
    cv = create_cv(db, org, name="Too Many")
    state = make_state(StartInterviewDialogState, hr_user)
    drain(state.parent_state.load())
    state.open_start(str(cv.id), cv.name)
    state.set_start_interviewer(str(interviewer.id))
    for _ in range(INTERVIEWERS_MAX):
        state.toggle_start_team(str(create_user(db, org, role=Role.INTERVIEWER).id), True)
    before = row_counts(db)
    drain(state.start_interview())
    assert state.start_open and state.start_team_error == interview_team.TOO_MANY and state.start_error == ""
    assert row_counts(db) == before
    state.toggle_start_team(state.start_team[0], False)  # one fewer: the lead and nine others fit
    assert state.start_team_error == ""
    drain(state.start_interview())
    assert not state.start_open and len(_team(db, cv.id)) == INTERVIEWERS_MAX


def test_the_next_round_dialog_takes_its_own_team(make_state, db, org, hr_user, interviewer):
    ben = create_user(db, org, role=Role.INTERVIEWER, first_name="Ben", last_name="Oak")
    first = make_interview(db, org, status="selected", cv_status=CvStatus.SELECTED)
    state = _dialog(make_state, hr_user, first)
    assert state.round_team == []
    state.set_round_interviewer(str(interviewer.id))
    state.toggle_round_team(str(ben.id), True)
    drain(state.start_next_round())
    assert state.round_team_error == "" and not state.round_open
    assert _team(db, first.candidate_id) == [interviewer.id, ben.id]
