"""The start dialog shows the interviewer's clashes as warnings (the interview still starts)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import select

from hr_app.models import Interview
from tests.api.interview_support import make_interview
from tests.factories import create_cv
from tests.ui.conftest import drain


def test_a_clash_is_warned_and_the_interview_starts(make_state, db, org, hr_user, interviewer):
    from hr_app.ui.components.cv_start import StartInterviewDialogState

    booked = make_interview(db, org, cv=create_cv(db, org, name="Booked Bea"), interviewer=interviewer)
    booked.scheduled_at = datetime(2030, 1, 15, 10, 0, tzinfo=UTC)
    db.add(booked)
    db.commit()
    cv = create_cv(db, org, name="New Nick")
    state = make_state(StartInterviewDialogState, hr_user)
    drain(state.parent_state.load())
    state.open_start(str(cv.id), cv.name)
    state.set_start_when("2030-01-15T10:20")
    state.set_start_interviewer(str(interviewer.id))
    events = drain(state.start_interview())
    assert state.start_error == "" and not state.start_open
    assert state.start_warnings == [
        "Ivy Iyer has another interview (Booked Bea) at 2030-01-15T10:00:00Z, 20 minutes apart"
    ]
    assert "Booked Bea" in str(events[-1])  # the last event is the warning toast
    assert db.exec(select(Interview).where(Interview.candidate_id == cv.id)).one().interviewer_id == interviewer.id

    other = create_cv(db, org, name="Far Away")
    state.open_start(str(other.id), other.name)
    state.set_start_when("2030-01-16T10:00")
    state.set_start_interviewer(str(interviewer.id))
    drain(state.start_interview())
    assert state.start_warnings == []
