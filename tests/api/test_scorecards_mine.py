"""Issue 18 beyond the spec: GET .../scorecards/, the caller's own scorecard (PUT mine, submit, reopen) and
PUT .../interviewers/, with three interviewers and an hr user."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from hr_app.models import AuditEntry, InterviewInterviewer, Role
from tests.api.interview_support import IM, make_interview, validation_error
from tests.factories import auth_header, create_user, row_counts

FIVE = ("appearance", "knowledge", "confidence", "attitude", "communication")
INVALID = "Invalid scorecard data"


def full_draft(rating: int = 7, recommendation: str = "yes") -> dict:
    return {"ratings": {key: {"rating": rating} for key in FIVE}, "recommendation": recommendation}


@pytest.fixture
def team(db: Session, org):
    """Ann leads, Ben and Cat interview too, Dan is an interviewer of the organization who is not on this one."""
    ann, ben, cat, dan = (
        create_user(db, org, role=Role.INTERVIEWER, first_name=name) for name in ("Ann", "Ben", "Cat", "Dan")
    )
    interview = make_interview(db, org, interviewer=ann)
    db.add_all([InterviewInterviewer(interview_id=interview.id, user_id=user.id) for user in (ben, cat)])
    db.commit()
    return interview, ann, ben, cat, dan


def put_mine(client, interview, user, body):
    return client.put(f"{IM}/{interview.id}/scorecards/mine/", headers=auth_header(user), json=body)


def submit(client, interview, user, body=None):
    return client.post(f"{IM}/{interview.id}/scorecards/mine/submit/", headers=auth_header(user), json=body or {})


def reopen(client, interview, user, body):
    return client.post(f"{IM}/{interview.id}/scorecards/mine/reopen/", headers=auth_header(user), json=body)


def scorecards_seen(client, interview, user) -> dict:
    response = client.get(f"{IM}/{interview.id}/scorecards/", headers=auth_header(user))
    assert response.status_code == 200, response.text
    return response.json()["data"]


def authors(data: dict) -> list[str]:
    return [card["interviewer"]["name"] for card in data["scorecards"]]


def trail(db: Session, interview) -> list[AuditEntry]:
    db.expire_all()
    return list(db.exec(select(AuditEntry).where(AuditEntry.object_id == str(interview.id)).order_by(AuditEntry.id)))


def test_save_submit_and_read_back(client, db, team):
    interview, ann, *_ = team
    saved = put_mine(client, interview, ann, {**full_draft(8), "strengths": "Clear", "concerns": None})
    assert saved.status_code == 200, saved.text
    body = saved.json()
    assert body["message"] == "Scorecard saved" and body["data"]["status"] == "draft"
    assert body["data"]["ratings"]["knowledge"] == {"rating": 8, "note": None}
    submitted = submit(client, interview, ann)
    assert submitted.status_code == 200 and submitted.json()["data"]["status"] == "submitted"
    assert submitted.json()["data"]["submitted_at"].endswith("Z")
    data = scorecards_seen(client, interview, ann)
    assert [c["key"] for c in data["criteria"]] == list(FIVE)
    assert authors(data) == ["Ann Smith"]
    assert [(m["name"], m["lead"], m["scorecard"]) for m in data["interviewers"]] == [
        ("Ann Smith", True, "submitted"),
        ("Ben Smith", False, "none"),
        ("Cat Smith", False, "none"),
    ]


def test_a_member_not_interviewing_is_refused(client, db, team):
    interview, *_, dan = team
    before = row_counts(db)
    response = put_mine(client, interview, dan, full_draft())
    assert response.status_code == 403
    assert response.json() == {
        "success": False,
        "message": "You do not have permission to perform this action.",
        "error": "FORBIDDEN",
        "details": "Only the interview's interviewers have a scorecard of it.",
    }
    assert row_counts(db) == before


def test_not_before_the_start(client, db, team):
    interview, ann, *_ = team
    interview.scheduled_at = datetime.now(UTC) + timedelta(hours=2)
    db.add(interview)
    db.commit()
    before = row_counts(db)
    response = put_mine(client, interview, ann, full_draft())
    assert response.status_code == 400
    assert response.json() == validation_error(
        {"non_field_errors": ["The interview has not started yet: scorecards open at its scheduled start."]}, INVALID
    )
    assert row_counts(db) == before
