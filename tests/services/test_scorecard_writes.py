"""The caller's own scorecard in the service layer: criteria, save, submit, reopen, the blind read and the team."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from hr_app.kit.errors import Forbidden, Invalid
from hr_app.models import AuditEntry, Role, ScorecardCriterion
from hr_app.schemas.scorecards import ScorecardIn
from hr_app.services import interview_team, scorecard_writes, scorecards
from tests.api.interview_support import make_interview, make_team_interview
from tests.factories import create_job_title, create_user, row_counts

FIVE = {key: {"rating": 6} for key in ("appearance", "knowledge", "confidence", "attitude", "communication")}


@pytest.fixture
def team(db: Session, org):
    """Ann leads, Ben interviews too, Dan is an interviewer of the organization who is not on this one."""
    return make_team_interview(db, org, "Ann", "Ben", "Dan")


def _save(db: Session, user, interview, **draft):
    saved = scorecard_writes.save_mine(db, actor=user, interview_id=interview.id, draft=ScorecardIn(**draft))
    db.commit()
    return saved


def _actions(db: Session, interview) -> list[str]:
    rows = db.exec(select(AuditEntry.action).where(AuditEntry.object_id == str(interview.id))).all()
    return sorted(rows)


def test_criteria_are_the_job_titles_template_else_the_spec_five(db, org):
    title = create_job_title(db, org)
    assert [c.key for c in scorecards.criteria_for(db, title.id)] == list(scorecards.RATING_FIELDS)
    db.add_all(
        ScorecardCriterion(organization_id=org.id, job_title_id=title.id, position=p, key=k, name=k.title())
        for p, k in enumerate(("python", "knowledge"))
    )
    db.commit()
    assert [(c.key, c.name) for c in scorecards.criteria_for(db, title.id)] == [
        ("python", "Python"),
        ("knowledge", "Knowledge"),
    ]


def test_save_submit_reopen_and_the_blind_read(db, org, team, hr_user):
    interview, ann, ben, dan = team
    _save(db, ann, interview, ratings=FIVE, recommendation="yes")
    _save(db, ben, interview, ratings={"knowledge": {"rating": 3, "note": " shaky "}}, strengths="calm")
    ben_view = scorecards.visible_scorecards(db, actor=ben, interview_id=interview.id)
    assert [r.interviewer.id for r in ben_view.scorecards] == [ben.id]
    assert ben_view.scorecards[0].ratings["knowledge"].note == "shaky"
    assert [(m.user.id, m.lead, m.status) for m in ben_view.interviewers] == [
        (ann.id, True, "draft"),
        (ben.id, False, "draft"),
    ]
    submitted = scorecard_writes.submit_mine(db, actor=ann, interview_id=interview.id)
    db.commit()
    assert submitted.scorecard.status == "submitted" and submitted.scorecard.submitted_at is not None
    seen = scorecards.visible_scorecards(db, actor=ann, interview_id=interview.id)
    assert [r.interviewer.id for r in seen.scorecards] == [ann.id, ben.id]
    assert scorecards.visible_scorecards(db, actor=dan, interview_id=interview.id).scorecards == []
    assert len(scorecards.visible_scorecards(db, actor=hr_user, interview_id=interview.id).scorecards) == 2
    scorecard_writes.reopen_mine(db, actor=ann, interview_id=interview.id, reason="Mixed up two candidates")
    db.commit()
    assert _actions(db, interview) == ["scorecard_reopened", *["scorecard_saved"] * 2, "scorecard_submitted"]


def test_refusals_change_nothing(db, org, team, hr_user):
    interview, ann, ben, dan = team
    before = row_counts(db)
    with pytest.raises(Forbidden):
        _save(db, dan, interview, strengths="x")
    with pytest.raises(Invalid) as unknown:
        _save(db, ann, interview, ratings={"charm": {"rating": 5}})
    assert list(unknown.value.details) == ["ratings"]
    with pytest.raises(Invalid) as incomplete:
        scorecard_writes.submit_mine(db, actor=ben, interview_id=interview.id)
    assert incomplete.value.details["recommendation"] and incomplete.value.details["ratings.knowledge"]
    db.rollback()
    assert row_counts(db) == before


def test_before_the_start_only_admin_and_hr_with_a_reason(db, org):
    lead = create_user(db, org, role=Role.HR)
    interview = make_interview(db, org, interviewer=lead)
    interview.scheduled_at = datetime.now(UTC) + timedelta(hours=1)
    db.add(interview)
    db.commit()
    with pytest.raises(Invalid) as refused:
        _save(db, lead, interview, strengths="early")
    assert list(refused.value.details) == ["reason"]
    db.rollback()
    _save(db, lead, interview, strengths="early", reason="The candidate flies out tonight")
    entry = db.exec(select(AuditEntry).where(AuditEntry.object_id == str(interview.id))).one()
    assert entry.after["reason"] == "The candidate flies out tonight"


def test_set_interviewers_keeps_the_lead_and_refuses_removing_a_writer(db, org, other_org, team, hr_user):
    interview, ann, _, dan = team
    stranger = create_user(db, other_org, role=Role.INTERVIEWER)
    members = interview_team.set_interviewers(db, actor=hr_user, interview_id=interview.id, interviewer_ids=[dan.id])
    db.commit()
    assert [(m.user.id, m.lead) for m in members] == [(ann.id, True), (dan.id, False)]
    with pytest.raises(Invalid):
        interview_team.set_interviewers(db, actor=hr_user, interview_id=interview.id, interviewer_ids=[stranger.id])
    db.rollback()
    _save(db, dan, interview, concerns="late")
    with pytest.raises(Invalid) as refused:
        interview_team.set_interviewers(db, actor=hr_user, interview_id=interview.id, interviewer_ids=[])
    assert "Dan" in refused.value.details["interviewer_ids"][0]
    db.rollback()
    with pytest.raises(Forbidden):
        interview_team.set_interviewers(db, actor=ann, interview_id=interview.id, interviewer_ids=[])


def test_who_needs_a_reason_to_write_early(db, org, hr_user, admin):
    interviewer = create_user(db, org, role=Role.INTERVIEWER)
    interview = make_interview(db, org, interviewer=interviewer)
    interview.scheduled_at = datetime.now(UTC) + timedelta(hours=1)
    assert [scorecard_writes.needs_early_reason(user, interview) for user in (hr_user, admin, interviewer)] == [
        True,
        True,
        False,
    ]
    interview.scheduled_at = datetime.now(UTC) - timedelta(minutes=1)  # begun: nobody needs one
    assert not scorecard_writes.needs_early_reason(hr_user, interview)
