"""Issue 18 through the spec's evaluation routes: three interviewers and an hr user, the blind rule, the time rule,
a member who is not interviewing refused, and nothing changed by a refusal."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from hr_app.models import Evaluation, ScorecardStatus
from tests.api.interview_support import IM, make_team_interview, validation_error
from tests.factories import auth_header, row_counts


@pytest.fixture
def team(db: Session, org):
    """Ann leads, Ben and Cat interview too, Dan is an interviewer of the organization who is not on this one."""
    return make_team_interview(db, org, "Ann", "Ben", "Cat", "Dan")


def _post(client, interview, user, **fields):
    return client.post(f"{IM}/{interview.id}/evaluation/", headers=auth_header(user), json=fields)


def _cards(db: Session, interview) -> dict[int | None, tuple[int | None, str]]:
    db.expire_all()
    rows = db.exec(select(Evaluation).where(Evaluation.interview_id == interview.id)).all()
    return {row.interviewer_id: (row.knowledge, row.status) for row in rows}


def _seen(client, interview, user):
    response = client.get(f"{IM}/{interview.id}/", headers=auth_header(user))
    assert response.status_code == 200
    evaluation = response.json()["data"]["evaluation"]
    return evaluation and evaluation["knowledge"]


def _submit(db: Session, interview, user) -> None:
    card = db.exec(
        select(Evaluation).where(Evaluation.interview_id == interview.id, Evaluation.interviewer_id == user.id)
    ).one()
    card.status = ScorecardStatus.SUBMITTED
    db.add(card)
    db.commit()


def test_each_interviewer_writes_their_own_and_hr_the_leads(client, db, team, hr_user):
    interview, ann, ben, cat, _ = team
    assert _post(client, interview, ann, knowledge=8).json()["data"]["knowledge"] == 8
    written = _post(client, interview, ben, knowledge=3)
    assert written.status_code == 201 and written.json()["data"]["knowledge"] == 3  # the answer is Ben's own
    assert _post(client, interview, hr_user, knowledge=9).status_code == 200  # hr changes the lead's
    assert _cards(db, interview) == {ann.id: (9, "draft"), ben.id: (3, "draft")}
    assert cat.id not in _cards(db, interview)


def test_a_member_not_interviewing_is_refused_and_nothing_changes(client, db, team):
    interview, *_, dan = team
    before = row_counts(db)
    response = _post(client, interview, dan, knowledge=5)
    assert response.status_code == 403
    assert response.json() == {
        "success": False,
        "message": "You do not have permission to perform this action.",
        "error": "FORBIDDEN",
        "details": "Only the interview's interviewers, or admin and hr for the lead's scorecard, can write it.",
    }
    assert row_counts(db) == before


def test_nobody_writes_before_the_scheduled_start(client, db, team, hr_user):
    interview, ann, *_ = team
    interview.scheduled_at = datetime.now(UTC) + timedelta(hours=2)
    db.add(interview)
    db.commit()
    before = row_counts(db)
    for user in (ann, hr_user):
        response = _post(client, interview, user, knowledge=5)
        assert response.status_code == 400
        assert response.json() == validation_error(
            {"non_field_errors": ["The interview has not started yet: scorecards open at its scheduled start."]},
            "Invalid evaluation data",
        )
    assert row_counts(db) == before and _cards(db, interview) == {ann.id: (None, "draft")}


def test_a_submitted_scorecard_is_not_written_until_reopened(client, db, team):
    interview, ann, *_ = team
    _post(client, interview, ann, knowledge=8)
    _submit(db, interview, ann)
    before = row_counts(db)
    response = _post(client, interview, ann, knowledge=2)
    assert response.status_code == 400
    assert response.json() == validation_error(
        {"non_field_errors": ["This scorecard is submitted: its author reopens it (with a reason) to change it."]},
        "Invalid evaluation data",
    )
    assert row_counts(db) == before and _cards(db, interview)[ann.id] == (8, "submitted")


def test_blind_until_submitted(client, db, org, team, hr_user):
    interview, ann, ben, cat, dan = team
    _post(client, interview, ann, knowledge=8)
    _post(client, interview, ben, knowledge=3)
    assert _seen(client, interview, ann) == 8  # the lead sees the lead's own
    assert [_seen(client, interview, user) for user in (ben, cat, dan)] == [None, None, None]
    assert _seen(client, interview, hr_user) == 8  # admin and hr always see
    _submit(db, interview, ben)
    assert [_seen(client, interview, user) for user in (ben, cat, dan)] == [8, None, None]
    org.blind_scorecards = False
    db.add(org)
    db.commit()
    assert [_seen(client, interview, user) for user in (cat, dan)] == [8, 8]
