"""Rounds: POST /api/interview-management/{id}/next-round/ starts round n+1 for the same CV after a selected round
n, which stays as it was; the CV is ongoing until the last round's decision; `round` shows from round 2 on."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlmodel import select

from hr_app.models import AuditEntry, CvStatus, Interview, Role
from tests.api.interview_support import IM, NOT_FOUND_INTERVIEW, cv_row, interview_row, make_interview
from tests.factories import auth_header, create_user, row_counts

WHEN = "2026-01-20T09:30:00Z"


def next_round(client, headers, interview_id, **body):
    return client.post(f"{IM}/{interview_id}/next-round/", headers=headers, json={"scheduled_at": WHEN, **body})


def refusal(details: str) -> dict:
    return {"success": False, "message": "Cannot start the next round", "error": "VALIDATION_ERROR", "details": details}


@pytest.fixture
def bob(db, org):
    return create_user(db, org, role=Role.INTERVIEWER, email="bob@company.com", first_name="Bob", last_name="Ray")


@pytest.fixture
def first(db, org):
    """Round 1, selected: the CV is selected."""
    return make_interview(db, org, status="selected", cv_status=CvStatus.SELECTED, appearance=8)


def test_next_round_starts_round_two_and_keeps_round_one(client, db, auth_headers_hr, first, bob):
    before = interview_row(db, first.id).model_dump()
    response = next_round(client, auth_headers_hr, first.id, interviewer_id=bob.id)
    assert response.status_code == 201, response.text
    body = response.json()
    data = body["data"]
    assert body["success"] is True and "warnings" not in body
    assert body["message"] == f"Round 2 started successfully for {data['candidate']['name']}"
    assert (data["round"], data["status"], data["scheduled_at"], data["evaluation"]) == (2, "pending", WHEN, None)
    assert data["interviewer"]["id"] == bob.id and data["candidate"]["interview_status"] == "ongoing"
    assert interview_row(db, first.id).model_dump() == before  # round 1 as it was
    assert cv_row(db, first.candidate_id).status == CvStatus.ONGOING

    assert response.headers["location"] == f"{IM}/{data['id']}/"  # what a GET of the new round answers
    again = client.get(response.headers["location"], headers=auth_headers_hr).json()["data"]
    assert again["round"] == 2
    first_read = client.get(f"{IM}/{first.id}/", headers=auth_headers_hr).json()["data"]
    assert "round" not in first_read  # a first interview is the spec's object exactly
    ongoing = client.get(f"{IM}/ongoing-interviews/", headers=auth_headers_hr).json()["data"]
    assert [row["id"] for row in ongoing] == [data["id"]]  # the CV's current round only
    listed = {row["id"]: row for row in client.get(f"{IM}/", headers=auth_headers_hr).json()["data"]}
    assert listed[data["id"]]["round"] == 2
    assert "round" not in listed[str(first.id)]  # a first interview's row is the spec's row exactly


def test_the_last_rounds_decision_decides_the_cv(client, db, auth_headers_hr, first):
    second = next_round(client, auth_headers_hr, first.id).json()["data"]
    response = client.patch(f"{IM}/{second['id']}/update-status/", headers=auth_headers_hr, json={"status": "rejected"})
    assert response.status_code == 200, response.text
    assert response.json()["data"]["round"] == 2
    assert cv_row(db, first.candidate_id).status == CvStatus.REJECTED
    assert interview_row(db, first.id).status == "selected"


def test_a_round_with_a_next_one_keeps_its_decision(client, db, auth_headers_hr, first):
    second = next_round(client, auth_headers_hr, first.id).json()["data"]
    before = row_counts(db)
    response = client.patch(f"{IM}/{first.id}/update-status/", headers=auth_headers_hr, json={"status": "rejected"})
    assert response.status_code == 400
    problem = "Round 2 already follows this interview (round 1), which keeps its decision."
    assert response.json() == {
        "success": False,
        "message": "Invalid data provided",
        "error": "VALIDATION_ERROR",
        "details": {"status": [problem]},
    }
    assert next_round(client, auth_headers_hr, first.id).json() == refusal(problem)
    deleted = client.delete(f"{IM}/{first.id}/", headers=auth_headers_hr)
    assert deleted.status_code == 400
    assert deleted.json() == {
        "success": False,
        "message": "Cannot delete interview",
        "error": "VALIDATION_ERROR",
        "details": f"{problem} Delete the later rounds first.",
    }
    assert row_counts(db) == before
    assert interview_row(db, first.id).status == "selected" and cv_row(db, first.candidate_id).status == "ongoing"
    assert second["round"] == 2


def test_deleting_the_last_round_gives_the_cv_its_previous_decision(client, db, auth_headers_hr, first):
    second = next_round(client, auth_headers_hr, first.id).json()["data"]
    assert client.delete(f"{IM}/{second['id']}/", headers=auth_headers_hr).status_code == 200
    assert cv_row(db, first.candidate_id).status == CvStatus.SELECTED
    third = next_round(client, auth_headers_hr, first.id)  # round 1 is the latest again
    assert third.status_code == 201 and third.json()["data"]["round"] == 2


@pytest.mark.parametrize("status", ["pending", "rejected"])
def test_only_a_selected_interview_leads_to_a_next_round(client, db, org, auth_headers_hr, status):
    cv_status = CvStatus.ONGOING if status == "pending" else CvStatus.REJECTED
    interview = make_interview(db, org, status=status, cv_status=cv_status)
    before = row_counts(db)
    response = next_round(client, auth_headers_hr, interview.id)
    assert response.status_code == 400
    assert response.json() == refusal(
        f"Interview status is '{status}'. Only a selected interview leads to a next round."
    )
    assert row_counts(db) == before and cv_row(db, interview.candidate_id).status == cv_status


def test_bad_input_changes_nothing(client, db, other_org, auth_headers_hr, first):
    before = row_counts(db)
    unknown = next_round(client, auth_headers_hr, first.id, interviewer_id=999_999)
    assert unknown.status_code == 400
    assert unknown.json()["details"] == {"interviewer_id": ["Interviewer with this ID does not exist"]}
    outsider = create_user(db, other_org, role=Role.HR, email="hr@globex.test")
    before = row_counts(db)
    foreign_interviewer = next_round(client, auth_headers_hr, first.id, interviewer_id=outsider.id)
    assert foreign_interviewer.json()["details"] == {"interviewer_id": ["Interviewer with this ID does not exist"]}
    bad_time = client.post(f"{IM}/{first.id}/next-round/", headers=auth_headers_hr, json={"scheduled_at": "soon"})
    assert bad_time.status_code == 400 and list(bad_time.json()["details"]) == ["scheduled_at"]
    missing = client.post(f"{IM}/{first.id}/next-round/", headers=auth_headers_hr, json={})
    assert missing.status_code == 400 and list(missing.json()["details"]) == ["scheduled_at"]
    extra = next_round(client, auth_headers_hr, first.id, round=5)
    assert extra.status_code == 400
    assert row_counts(db) == before


def test_roles_and_organizations(client, db, org, other_org, auth_headers_interviewer, auth_headers_hr, first):
    before = row_counts(db)
    forbidden = next_round(client, auth_headers_interviewer, first.id)
    assert forbidden.status_code == 403
    foreign = make_interview(db, other_org, status="selected", cv_status=CvStatus.SELECTED)
    before = row_counts(db)
    response = next_round(client, auth_headers_hr, foreign.id)
    assert response.status_code == 404 and response.json() == NOT_FOUND_INTERVIEW
    assert next_round(client, auth_headers_hr, "not-a-uuid").json() == NOT_FOUND_INTERVIEW
    assert row_counts(db) == before


def test_two_next_rounds_at_once_make_one_round(client, db, org, first, hr_user):
    headers = auth_header(hr_user)
    with ThreadPoolExecutor(max_workers=2) as pool:
        answers = list(pool.map(lambda _: next_round(client, headers, first.id), range(2)))
    assert sorted(answer.status_code for answer in answers) == [201, 400]
    db.expire_all()
    rounds = db.exec(select(Interview.round).where(Interview.candidate_id == first.candidate_id)).all()
    assert sorted(rounds) == [1, 2]


def test_the_audit_trail_records_the_new_round(client, db, auth_headers_hr, first):
    second = next_round(client, auth_headers_hr, first.id).json()["data"]
    db.expire_all()
    entry = db.exec(select(AuditEntry).where(AuditEntry.object_id == second["id"])).one()
    assert entry.action == "created" and entry.after["round"] == 2
