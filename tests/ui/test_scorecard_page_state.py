"""The interview page as each member sees it (issue 18): the form is open to whoever may fill in a scorecard now
and read-only, with the reason, for everyone else; the lead's scorecard is blind to other members until they have
submitted their own (the organization's setting, on by default)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hr_app.db import session_scope
from hr_app.models import AppUser, Role
from hr_app.services import evaluations, interviews, scorecards
from hr_app.ui.states.interview import InterviewState
from tests.factories import create_cv, create_user
from tests.ui.conftest import drain


def _interview(db, org, hr_user, lead, *, starts_in: timedelta) -> str:
    cv = create_cv(db, org, name="Sam Scored")
    with session_scope() as session:
        record = interviews.start_interview(
            session,
            actor=session.get(AppUser, hr_user.id),
            candidate_id=cv.id,
            scheduled_at=datetime.now(UTC) + starts_in,
            interviewer_id=lead.id,
        )
        return str(record.interview.id)


def _page(make_state, user, interview_id) -> InterviewState:
    state = make_state(InterviewState, user)
    state.interview_id = interview_id
    drain(state._read())
    return state


def test_the_lead_after_the_start_may_fill_it_in(make_state, db, org, hr_user, interviewer):
    interview_id = _interview(db, org, hr_user, interviewer, starts_in=timedelta(minutes=-5))
    assert _page(make_state, interviewer, interview_id).scorecard_closed == ""
    assert _page(make_state, hr_user, interview_id).scorecard_closed == ""


def test_before_the_start_it_is_closed_with_the_reason(make_state, db, org, hr_user, interviewer):
    interview_id = _interview(db, org, hr_user, interviewer, starts_in=timedelta(hours=2))
    assert _page(make_state, interviewer, interview_id).scorecard_closed == scorecards.NOT_STARTED


def test_another_member_reads_it_closed_and_blind(make_state, db, org, hr_user, interviewer):
    interview_id = _interview(db, org, hr_user, interviewer, starts_in=timedelta(minutes=-5))
    with session_scope() as session:
        lead = session.get(AppUser, interviewer.id)
        evaluations.save_evaluation(session, actor=lead, interview_id=interview_id, data={"appearance": 9})
    other = create_user(db, org, role=Role.INTERVIEWER, email="other@acme.test")
    page = _page(make_state, other, interview_id)
    assert page.scorecard_closed == scorecards.WRITE_REFUSED
    assert page.form["appearance"] == ""  # the lead's 9 is not shown: blind until one's own is submitted
    org.blind_scorecards = False
    db.add(org)
    db.commit()
    assert _page(make_state, other, interview_id).form["appearance"] == "9"
