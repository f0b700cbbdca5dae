"""The decision view on the interview page (issue 18): hr sees every submitted scorecard side by side with the
disagreement flagged and the missing interviewer named; an interviewer sees it only once their own is submitted;
Select and Reject there open the status dialog (the remark) and the view shows the outcome."""

from __future__ import annotations

import uuid
from datetime import timedelta

from hr_app.db import session_scope
from hr_app.kit.limits import REMARK_MAX_LENGTH
from hr_app.models import AppUser, Interview, InterviewStatus, Recommendation, Role
from hr_app.schemas.scorecards import CriterionIn, RatingIn, ScorecardIn
from hr_app.services import interview_team, interviews, scorecard_templates, scorecard_writes
from hr_app.ui.components.interview_status import StatusDialogState
from tests.factories import create_user, row_counts
from tests.ui.conftest import drain, push_to
from tests.ui.test_scorecard_form_state import _open
from tests.ui.test_scorecard_page_state import _interview


def _score(
    interview_id: str, user: AppUser, knowledge: int, recommendation: Recommendation, note: str | None = None
) -> None:
    ratings = {key: RatingIn(rating=6) for key in ("appearance", "confidence", "attitude", "communication")}
    ratings["knowledge"] = RatingIn(rating=knowledge, note=note)
    draft = ScorecardIn(ratings=ratings, recommendation=recommendation)
    with session_scope() as session:
        actor = session.get(AppUser, user.id)
        scorecard_writes.save_mine(session, actor=actor, interview_id=interview_id, draft=draft)
        scorecard_writes.submit_mine(session, actor=actor, interview_id=interview_id)


def test_hr_sees_the_disagreement_and_who_is_missing_an_interviewer_only_after_submitting(
    make_state, db, org, hr_user, interviewer
):
    ben = create_user(db, org, role=Role.INTERVIEWER, first_name="Ben", last_name="Oak")
    ravi = create_user(db, org, role=Role.INTERVIEWER, first_name="Ravi", last_name="Nair")
    interview_id = _interview(db, org, hr_user, interviewer, starts_in=timedelta(minutes=-5))
    with session_scope() as session:
        interview_team.set_interviewers(
            session,
            actor=session.get(AppUser, hr_user.id),
            interview_id=interview_id,
            interviewer_ids=[ben.id, ravi.id],
        )
    _score(interview_id, interviewer, 9, Recommendation.YES, note="Knows SQL")

    ben_before = _open(make_state, ben, interview_id)  # blind: Ben has not submitted, sees no one's
    assert (
        not ben_before.dc_sees_all and ben_before.dc_columns == [] and ben_before.dc_progress == "1 of 3 scorecards in"
    )

    _score(interview_id, ben, 4, Recommendation.STRONG_YES)
    page = _open(make_state, hr_user, interview_id)
    assert page.dc_sees_all and not page.sc_interviewer
    assert [column.name for column in page.dc_columns] == [interviewer.full_name, "Ben Oak"]
    assert [column.recommendation for column in page.dc_columns] == ["Yes", "Strong yes"]
    knowledge = page.dc_rows[1]
    ratings = [cell.rating for cell in knowledge.cells]
    assert (knowledge.name, ratings, knowledge.mean, knowledge.spread) == ("Knowledge", ["9", "4"], "6.5", "5")
    assert [cell.note for cell in knowledge.cells] == ["Knows SQL", ""]
    assert knowledge.split and not page.dc_rows[0].split
    assert page.dc_disagreement and not page.dc_recommendations_split
    assert page.dc_waiting == "Ravi Nair" and page.dc_progress == "2 of 3 scorecards in"
    assert _open(make_state, ben, interview_id).dc_sees_all  # once his own is in


def test_a_push_brings_a_submitted_scorecard_in_and_keeps_unsaved_edits(make_state, db, org, hr_user, interviewer):
    ben = create_user(db, org, role=Role.INTERVIEWER, first_name="Ben", last_name="Oak")
    interview_id = _interview(db, org, hr_user, interviewer, starts_in=timedelta(minutes=-5))
    with session_scope() as session:
        hr = session.get(AppUser, hr_user.id)
        interview_team.set_interviewers(session, actor=hr, interview_id=interview_id, interviewer_ids=[ben.id])
    hr_page, ben_page = _open(make_state, hr_user, interview_id), _open(make_state, ben, interview_id)
    assert hr_page.dc_progress == "0 of 2 scorecards in"
    ben_page.set_rating("knowledge", "7")  # typed, not saved

    _score(interview_id, interviewer, 9, Recommendation.YES)  # elsewhere (another tab, the API)
    assert push_to(hr_page, str(org.id)) and push_to(ben_page, str(org.id))
    assert hr_page.dc_progress == "1 of 2 scorecards in" and len(hr_page.dc_columns) == 1
    assert ben_page.dc_progress == "1 of 2 scorecards in" and ben_page.dc_columns == []  # still blind
    assert ben_page.sc_rows[1].rating == "7" and ben_page.sc_dirty  # the unsaved edit stays


def test_a_job_titles_seven_criteria_make_the_form(make_state, db, org, hr_user, interviewer):
    names = ["Python", "SQL", "System design", "Testing", "Communication", "Ownership", "Curiosity"]
    interview_id = _interview(db, org, hr_user, interviewer, starts_in=timedelta(minutes=-5))
    with session_scope() as session:
        record = interviews.get_interview(session, actor=session.get(AppUser, hr_user.id), interview_id=interview_id)
        scorecard_templates.set_template(
            session,
            actor=session.get(AppUser, hr_user.id),
            job_title_id=record.candidate.job_title_id,
            criteria=[CriterionIn(name=name, guide_8="Teaches it" if name == "SQL" else "") for name in names],
        )
    page = _open(make_state, interviewer, interview_id)
    assert [row.name for row in page.sc_rows] == names
    assert page.sc_rows[2].key == "system_design" and page.sc_rows[1].guide == "8: Teaches it"


def test_select_from_the_decision_view_keeps_the_remark_and_shows_the_outcome(
    make_state, db, org, hr_user, interviewer
):
    interview_id = _interview(db, org, hr_user, interviewer, starts_in=timedelta(minutes=-5))
    _score(interview_id, interviewer, 8, Recommendation.YES)
    page = _open(make_state, hr_user, interview_id)
    drain(page._read())
    assert page.last_decision.to_status == "" and page.status == "pending"
    dialog = page.parent_state.get_substate([StatusDialogState.get_name()])
    drain(dialog.open_status(InterviewStatus.SELECTED))
    dialog.set_status_remark("x" * (REMARK_MAX_LENGTH + 1))
    before = row_counts(db)
    drain(dialog.change_status())
    assert dialog.status_open and f"keep it to {REMARK_MAX_LENGTH}" in dialog.status_error
    assert row_counts(db) == before and page.last_decision.to_status == ""

    dialog.set_status_remark("Strong on SQL, the team agrees")
    drain(dialog.change_status())
    assert not dialog.status_open and page.status == "selected"
    outcome = page.last_decision
    assert (outcome.from_status, outcome.to_status) == ("pending", "selected")
    assert (outcome.remark, outcome.changed_by) == ("Strong on SQL, the team agrees", hr_user.full_name)
    db.expire_all()
    assert db.get(Interview, uuid.UUID(interview_id)).status == InterviewStatus.SELECTED

    drain(dialog.open_status(InterviewStatus.PENDING))  # back to pending: no decision to show
    drain(dialog.change_status())
    assert page.status == "pending" and page.last_decision.to_status == ""
