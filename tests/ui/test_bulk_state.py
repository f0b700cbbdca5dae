"""Bulk actions on the CVs page: start or reject several CVs at once (with the same other interviewers, issue 18),
all or nothing, problems per row."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import select

from hr_app.models import CvStatus, Interview, Role, UserCvData
from hr_app.services import scorecards
from tests.factories import create_cv, create_user, row_counts
from tests.ui.conftest import drain


def _status(db, cv) -> str:
    db.expire_all()
    return db.exec(select(UserCvData).where(UserCvData.id == cv.id)).one().status


def test_bulk_start_refuses_the_whole_batch_then_starts_in_15_minute_steps(make_state, db, org, hr_user, interviewer):
    from hr_app.ui.components.cv_bulk import BulkStartDialogState

    ana = create_cv(db, org, name="Ana First")
    ben = create_cv(db, org, name="Ben Second")
    done = create_cv(db, org, name="Cy Done", status=CvStatus.SELECTED.value)
    state = make_state(BulkStartDialogState, hr_user)
    page = state.parent_state  # the CVs page: its list and the ticked CVs
    drain(page.load())
    page.toggle_select(str(ana.id), True)
    page.toggle_select(str(done.id), True)
    assert page.selected_count == 2
    state.open_bulk_start()
    state.set_bulk_when("2030-01-15T10:00")
    assert [(line.name, line.when) for line in state.bulk_preview] == [
        ("Ana First", "15 Jan 2030, 10:00"),
        ("Cy Done", "15 Jan 2030, 10:15"),
    ]
    drain(state.bulk_start_interviews())
    assert state.bulk_errors == ["Pick an interviewer."]
    state.set_bulk_interviewer(str(interviewer.id))
    drain(state.bulk_start_interviews())
    assert state.bulk_errors == ["Cy Done: Candidate status is 'selected'. Cannot start new interview."]
    assert state.bulk_start_open
    assert _status(db, ana) == CvStatus.PENDING.value  # nothing changed
    assert db.exec(select(Interview)).all() == []

    page.toggle_select(str(done.id), False)
    page.toggle_select(str(ben.id), True)
    events = drain(state.bulk_start_interviews())
    assert state.bulk_errors == [] and not state.bulk_start_open
    assert page.selected_ids == []
    assert "Started 2 interviews" in str(events[-1])
    db.expire_all()
    slots = {i.candidate_id: i.scheduled_at for i in db.exec(select(Interview)).all()}
    assert slots == {
        ana.id: datetime(2030, 1, 15, 10, 0, tzinfo=UTC),
        ben.id: datetime(2030, 1, 15, 10, 15, tzinfo=UTC),
    }
    assert {row.name: row.status for row in page.page_rows}["Ben Second"] == CvStatus.ONGOING.value


def test_bulk_reject_names_the_row_then_rejects_with_one_remark(make_state, db, org, hr_user):
    from hr_app.ui.components.cv_bulk import BulkRejectDialogState

    ana = create_cv(db, org, name="Ana Reject")
    ben = create_cv(db, org, name="Ben Reject")
    kept = create_cv(db, org, name="Kay Kept", status=CvStatus.SELECTED.value)
    state = make_state(BulkRejectDialogState, hr_user)
    page = state.parent_state
    drain(page.load())
    page.toggle_select_all(True)
    assert page.all_visible_selected and page.selected_count == 3
    state.open_bulk_reject()
    state.set_bulk_remark("x" * 600)
    assert state.bulk_remark_length == 500
    state.set_bulk_remark("Not a fit this round")
    drain(state.bulk_reject_cvs())
    assert state.bulk_errors == ["Kay Kept: Candidate status is 'selected'. Cannot reject."]
    assert _status(db, ana) == CvStatus.PENDING.value

    page.toggle_select(str(kept.id), False)
    events = drain(state.bulk_reject_cvs())
    assert state.bulk_errors == [] and not state.bulk_reject_open
    assert "Rejected 2 CVs" in str(events[-1])
    assert _status(db, ana) == _status(db, ben) == CvStatus.REJECTED.value
    assert _status(db, kept) == CvStatus.SELECTED.value


def test_bulk_start_takes_the_other_interviewers_and_a_refused_team_starts_none(
    make_state, db, org, hr_user, interviewer
):
    from hr_app.ui.components.cv_bulk import BulkStartDialogState

    ben = create_user(db, org, role=Role.INTERVIEWER, first_name="Ben")
    gone = create_user(db, org, role=Role.INTERVIEWER, first_name="Gone")
    cvs = [create_cv(db, org, name=name) for name in ("Ana First", "Ben Second")]
    state = make_state(BulkStartDialogState, hr_user)
    page = state.parent_state
    drain(page.load())
    for cv in cvs:
        page.toggle_select(str(cv.id), True)
    state.open_bulk_start()
    assert state.bulk_team == [] and state.bulk_team_error == ""
    state.set_bulk_when("2030-01-15T10:00")
    state.toggle_bulk_team(str(interviewer.id), True)
    state.set_bulk_interviewer(str(interviewer.id))  # the lead is not a co-interviewer too
    assert state.bulk_team == []
    state.toggle_bulk_team(str(ben.id), True)
    state.toggle_bulk_team(str(gone.id), True)
    gone.is_active = False
    db.add(gone)
    db.commit()
    before = row_counts(db)
    drain(state.bulk_start_interviews())
    assert state.bulk_team_error == f"Interviewer with this ID does not exist: {gone.id}."
    assert state.bulk_errors == ["Check the other interviewers."] and state.bulk_start_open
    assert row_counts(db) == before and db.exec(select(Interview)).all() == []  # nothing started

    state.toggle_bulk_team(str(gone.id), False)
    assert state.bulk_team == [str(ben.id)] and state.bulk_team_error == ""
    drain(state.bulk_start_interviews())
    assert state.bulk_errors == [] and not state.bulk_start_open
    db.expire_all()
    started = db.exec(select(Interview)).all()
    assert len(started) == 2
    assert [scorecards.interviewer_ids(db, interview) for interview in started] == [[interviewer.id, ben.id]] * 2
