"""The interviewer's own scorecard on the interview page (issue 18): Save draft, Submit (errors next to the field),
read-only once submitted, Reopen with a reason; hr, not interviewing, has no form of their own."""

from __future__ import annotations

import uuid
from datetime import timedelta

from hr_app.db import session_scope
from hr_app.models import AppUser, Evaluation, ScorecardStatus
from hr_app.services import scorecard_writes, scorecards
from hr_app.ui.components.interview_scorecard import ScorecardState
from hr_app.ui.components.scorecard_data import NOT_A_RATING
from tests.ui.conftest import drain
from tests.ui.test_scorecard_page_state import _interview


def _open(make_state, user, interview_id) -> ScorecardState:
    state = make_state(ScorecardState, user)
    state.interview_id = interview_id
    drain(state.load_scorecards())
    return state


def _card(interview_id: str, user: AppUser) -> Evaluation | None:
    with session_scope() as session:
        return scorecards.scorecard_of(session, uuid.UUID(interview_id), user.id)


def test_an_interviewer_saves_a_draft_submits_and_reopens(make_state, db, org, hr_user, interviewer):
    interview_id = _interview(db, org, hr_user, interviewer, starts_in=timedelta(minutes=-5))
    state = _open(make_state, interviewer, interview_id)
    assert state.sc_interviewer and state.sc_closed == "" and state.sc_status == ""
    assert [row.name for row in state.sc_rows] == ["Appearance", "Knowledge", "Confidence", "Attitude", "Communication"]
    state.set_rating("knowledge", "eleven")
    drain(state.save_draft())
    assert state.sc_rows[1].error == NOT_A_RATING
    assert _card(interview_id, interviewer).knowledge is None  # refused in the form: nothing written

    state.set_rating("knowledge", "8")
    state.set_note("knowledge", "Deep on SQL")
    state.set_sc_text("sc_strengths", "Clear")
    drain(state.save_draft())
    assert state.sc_status == ScorecardStatus.DRAFT and not state.sc_dirty
    card = _card(interview_id, interviewer)
    assert card is not None and (card.knowledge, card.strengths) == (8, "Clear")

    drain(state.submit_scorecard())  # four criteria and the recommendation still missing: named next to each
    assert state.sc_rows[0].error == scorecard_writes.NOT_RATED and state.sc_rows[1].error == ""
    assert state.sc_errors["recommendation"] == scorecard_writes.RECOMMENDATION_NEEDED
    assert state.sc_status == ScorecardStatus.DRAFT

    for key in ("appearance", "confidence", "attitude", "communication"):
        state.set_rating(key, "6")
    state.set_sc_text("sc_recommendation", "yes")
    drain(state.submit_scorecard())
    assert state.sc_status == ScorecardStatus.SUBMITTED and state.sc_errors == {}
    assert state.scorecard_closed == scorecards.SUBMITTED  # the spec's form, re-read, is closed too

    state.ask_reopen(True)
    drain(state.reopen())
    assert "reason" in state.sc_errors and state.sc_status == ScorecardStatus.SUBMITTED
    state.set_sc_reason("Mistyped a rating")
    drain(state.reopen())
    assert state.sc_status == ScorecardStatus.DRAFT and not state.sc_reopening
    assert _open(make_state, interviewer, interview_id).sc_rows[1].note == "Deep on SQL"


def test_before_the_start_the_form_is_closed_and_hr_has_none(make_state, db, org, hr_user, interviewer):
    interview_id = _interview(db, org, hr_user, interviewer, starts_in=timedelta(hours=2))
    assert _open(make_state, interviewer, interview_id).sc_closed == scorecards.NOT_STARTED
    hr_page = _open(make_state, hr_user, interview_id)
    assert not hr_page.sc_interviewer and hr_page.sc_loaded


def test_every_part_of_the_interview_page_closes_on_a_new_load():
    """close_dialogs calls `_close()` on each substate of the page (a new load, or the interview is gone)."""
    from hr_app.ui.states.interview import InterviewState

    assert ScorecardState in InterviewState.get_substates()
    assert all(callable(getattr(sub, "_close", None)) for sub in InterviewState.get_substates())
