"""Admin and hr who interview write their scorecard before the scheduled start with a reason (issue 18): the form
asks for it, the service's refusal shows next to the field and writes nothing, and the reason reaches the trail."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from hr_app.models import AuditEntry, Role, ScorecardStatus
from hr_app.services import scorecard_writes, scorecards
from tests.factories import create_user, row_counts
from tests.ui.conftest import drain
from tests.ui.test_scorecard_form_state import _open
from tests.ui.test_scorecard_page_state import _interview

FIVE = ("appearance", "knowledge", "confidence", "attitude", "communication")


def test_hr_writes_early_with_a_reason_and_an_interviewer_may_not(make_state, db, org, hr_user):
    lead = create_user(db, org, role=Role.HR, first_name="Hana", last_name="Lead")
    interview_id = _interview(db, org, hr_user, lead, starts_in=timedelta(hours=2))
    state = _open(make_state, lead, interview_id)
    assert state.sc_early and state.sc_closed == "" and state.sc_early_reason == ""
    for key in FIVE:
        state.set_rating(key, "7")
    state.set_sc_text("sc_recommendation", "yes")
    before = row_counts(db)
    drain(state.save_draft())
    assert state.sc_errors == {"reason": scorecard_writes.REASON_NEEDED} and row_counts(db) == before
    state.set_sc_early_reason("The candidate flies out tonight")
    assert "reason" not in state.sc_errors
    drain(state.submit_scorecard())
    assert state.sc_errors == {} and state.sc_status == ScorecardStatus.SUBMITTED
    db.expire_all()
    entries = db.exec(select(AuditEntry).where(AuditEntry.object_id == interview_id)).all()
    reasons = {
        entry.action: (entry.after or {}).get("reason") for entry in entries if entry.action.startswith("scorecard")
    }
    assert reasons == {
        "scorecard_saved": "The candidate flies out tonight",
        "scorecard_submitted": "The candidate flies out tonight",
    }


def test_an_interviewer_before_the_start_is_not_asked_for_a_reason(make_state, db, org, hr_user, interviewer):
    interview_id = _interview(db, org, hr_user, interviewer, starts_in=timedelta(hours=2))
    state = _open(make_state, interviewer, interview_id)
    assert not state.sc_early and state.sc_closed == scorecards.NOT_STARTED
