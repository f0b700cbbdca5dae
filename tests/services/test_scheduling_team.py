"""Starting an interview (or its next round, or several at once) with co-interviewers, as the UI's dialogs do
(issue 18): one unit of work, each co-interviewer invited; a refused team starts nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from hr_app.db import session_scope
from hr_app.kit.errors import Invalid
from hr_app.kit.limits import INTERVIEWERS_MAX
from hr_app.kit.time import utcnow
from hr_app.models import AppUser, CvStatus, Interview, OutboxMessage, Role
from hr_app.services import bulk, interview_team, scheduling, scorecards
from hr_app.services.interview_mail import INVITATION
from tests.api.interview_support import make_interview
from tests.factories import create_cv, create_user, row_counts


def _invited(db: Session, interview_id) -> list[str]:
    db.expire_all()
    rows = db.exec(
        select(OutboxMessage).where(OutboxMessage.related_id == str(interview_id), OutboxMessage.kind == INVITATION)
    ).all()
    return sorted(row.recipient for row in rows)


def _start(db: Session, hr_user: AppUser, cv_id, lead: AppUser, team: list[int]) -> Interview:
    with session_scope() as session:
        started = scheduling.start_interview(
            session,
            actor=session.get(AppUser, hr_user.id),
            candidate_id=cv_id,
            scheduled_at=utcnow() + timedelta(days=1),
            interviewer_id=lead.id,
            team=team,
        )
        interview_id = started.record.interview.id
    return db.get(Interview, interview_id)


def test_the_team_is_set_and_invited_with_the_start(db, org, hr_user, interviewer):
    ben = create_user(db, org, role=Role.INTERVIEWER, email="ben@example.com")
    ravi = create_user(db, org, role=Role.INTERVIEWER, email="ravi@example.com")
    cv = create_cv(db, org, name="Tea Mwork", email="tea@example.com")
    interview = _start(db, hr_user, cv.id, interviewer, [ravi.id, interviewer.id, ben.id])  # the lead stays the lead
    lead, *others = scorecards.interviewer_ids(db, interview)
    assert lead == interviewer.id and sorted(others) == sorted([ben.id, ravi.id])
    assert _invited(db, interview.id) == sorted(
        ["tea@example.com", interviewer.email, "ben@example.com", "ravi@example.com"]
    )


def test_a_refused_team_starts_nothing(db, org, hr_user, interviewer, other_org):
    stranger = create_user(db, other_org, role=Role.INTERVIEWER)
    cv = create_cv(db, org, name="Not Started")
    before = row_counts(db)
    with pytest.raises(Invalid) as refused:
        _start(db, hr_user, cv.id, interviewer, [stranger.id])
    assert refused.value.field_errors == {
        interview_team.FIELD: [f"Interviewer with this ID does not exist: {stranger.id}."]
    }
    assert row_counts(db) == before
    many = [create_user(db, org, role=Role.INTERVIEWER).id for _ in range(INTERVIEWERS_MAX)]
    before = row_counts(db)
    with pytest.raises(Invalid) as refused:
        _start(db, hr_user, cv.id, interviewer, many)
    assert refused.value.field_errors == {interview_team.FIELD: [interview_team.TOO_MANY]}
    assert row_counts(db) == before
    db.refresh(cv)
    assert cv.status == CvStatus.PENDING


def test_the_next_round_takes_its_own_team(db, org, hr_user, interviewer):
    ben = create_user(db, org, role=Role.INTERVIEWER, email="ben@example.com")
    first = make_interview(db, org, status="selected", cv_status=CvStatus.SELECTED, interviewer=interviewer)
    with session_scope() as session:
        started = scheduling.next_round(
            session,
            actor=session.get(AppUser, hr_user.id),
            interview_id=first.id,
            scheduled_at=utcnow() + timedelta(days=2),
            interviewer_id=interviewer.id,
            team=[ben.id],
        )
        second_id = started.record.interview.id
    second = db.get(Interview, second_id)
    assert scorecards.interviewer_ids(db, second) == [interviewer.id, ben.id]
    assert "ben@example.com" in _invited(db, second_id)
    assert scorecards.interviewer_ids(db, db.get(Interview, first.id)) == [interviewer.id]  # the first keeps its own


def _bulk(db: Session, hr_user: AppUser, cvs, lead: AppUser, team: list[int]) -> list[Interview]:
    with session_scope() as session:
        started = bulk.bulk_start(
            session,
            actor=session.get(AppUser, hr_user.id),
            candidate_ids=[cv.id for cv in cvs],
            interviewer_id=lead.id,
            first_slot=utcnow() + timedelta(days=1),
            team=team,
        )
        ids = [record.interview.id for record in started.records]
    return [db.get(Interview, interview_id) for interview_id in ids]


def test_a_bulk_start_gives_every_interview_the_team(db, org, hr_user, interviewer):
    ben = create_user(db, org, role=Role.INTERVIEWER, email="ben@example.com")
    ravi = create_user(db, org, role=Role.INTERVIEWER, email="ravi@example.com")
    cvs = [create_cv(db, org, name=f"Bulk {n}", email=f"bulk{n}@example.com") for n in (1, 2)]
    started = _bulk(db, hr_user, cvs, interviewer, [ravi.id, interviewer.id, ben.id])  # the lead stays the lead
    assert [scorecards.interviewer_ids(db, interview) for interview in started] == [
        [interviewer.id, ravi.id, ben.id]
    ] * 2
    for interview, cv in zip(started, cvs, strict=True):
        assert _invited(db, interview.id) == sorted(
            [cv.email, interviewer.email, "ben@example.com", "ravi@example.com"]
        )


def test_a_bulk_start_without_a_team_has_the_lead_alone(db, org, hr_user, interviewer):
    [interview] = _bulk(db, hr_user, [create_cv(db, org, name="Solo")], interviewer, [])
    assert scorecards.interviewer_ids(db, interview) == [interviewer.id]


def test_a_refused_bulk_team_starts_none(db, org, hr_user, interviewer, other_org):
    stranger = create_user(db, other_org, role=Role.INTERVIEWER)
    inactive = create_user(db, org, role=Role.INTERVIEWER, is_active=False)
    cvs = [create_cv(db, org, name=f"Not {n}") for n in (1, 2)]
    before = row_counts(db)
    with pytest.raises(Invalid) as refused:
        _bulk(db, hr_user, cvs, interviewer, [stranger.id, inactive.id])
    assert refused.value.field_errors == {
        interview_team.FIELD: [f"Interviewer with this ID does not exist: {stranger.id}, {inactive.id}."]
    }
    assert row_counts(db) == before
    many = [create_user(db, org, role=Role.INTERVIEWER).id for _ in range(INTERVIEWERS_MAX)]
    before = row_counts(db)
    with pytest.raises(Invalid) as refused:
        _bulk(db, hr_user, cvs, interviewer, many)
    assert refused.value.field_errors == {interview_team.FIELD: [interview_team.TOO_MANY]}
    assert row_counts(db) == before
    for cv in cvs:
        db.refresh(cv)
        assert cv.status == CvStatus.PENDING
