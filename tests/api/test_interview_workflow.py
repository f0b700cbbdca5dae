"""The spec's "Complete Workflow Example", step by step, as an external client would run it."""

from __future__ import annotations

from sqlmodel import select

from hr_app.models import Evaluation, Interview, StatusChange
from hr_app.services import events
from tests.api.interview_support import IM, cv_row
from tests.factories import create_cv, create_job_title


def test_complete_workflow(client, db, org, hr_user, auth_headers_hr):
    received: list[events.ChangeEvent] = []
    unsubscribe = events.subscribe(received.extend)
    try:
        job_title = create_job_title(db, org, "Software Developer")
        cv = create_cv(db, org, job_title=job_title, email="john@example.com")

        # Step 1: available CVs for the dropdown.
        step1 = client.get(f"{IM}/cvs-for-interview/", headers=auth_headers_hr)
        assert step1.status_code == 200
        assert [c["id"] for c in step1.json()["data"]] == [str(cv.id)]

        # Step 2: start the interview.
        step2 = client.post(
            f"{IM}/start-interview/",
            headers=auth_headers_hr,
            json={"candidate_id": str(cv.id), "scheduled_at": "2025-11-15T10:00:00Z", "interviewer_id": hr_user.id},
        )
        assert step2.status_code == 201
        interview_id = step2.json()["data"]["id"]
        assert cv_row(db, cv.id).status == "ongoing"
        assert db.exec(select(Interview)).one().status == "pending"
        assert db.exec(select(Evaluation)).one().appearance is None
        assert client.get(f"{IM}/cvs-for-interview/", headers=auth_headers_hr).json()["data"] == []

        # Step 3: it shows among the ongoing interviews.
        step3 = client.get(f"{IM}/ongoing-interviews/", headers=auth_headers_hr).json()
        assert step3["message"] == "Found 1 ongoing interview(s)"
        assert step3["data"][0]["id"] == interview_id and step3["data"][0]["evaluation_completed"] is False

        # Step 4: fill in the evaluation form.
        step4 = client.post(
            f"{IM}/{interview_id}/evaluation/",
            headers=auth_headers_hr,
            json={
                "appearance": 8,
                "knowledge": 9,
                "confidence": 7,
                "attitude": 8,
                "communication": 9,
                "languages": "English, Malayalam",
                "expected_salary": "50000.00",
                "experience": "5 years experience",
                "remark": "Excellent candidate",
            },
        )
        assert step4.status_code == 201
        assert step4.json()["message"] == "Interview evaluation created successfully"
        assert step4.json()["data"]["average_rating"] == 8.2

        # Step 5: select the candidate; the CV follows.
        step5 = client.patch(
            f"{IM}/{interview_id}/update-status/",
            headers=auth_headers_hr,
            json={"status": "selected", "remark": "Strong technical skills"},
        )
        assert step5.status_code == 200
        assert step5.json()["message"] == "Interview status updated to 'selected' successfully"
        assert step5.json()["data"]["status"] == "selected"
        assert step5.json()["data"]["candidate"]["interview_status"] == "selected"
        assert cv_row(db, cv.id).status == "selected"
        assert db.exec(select(StatusChange)).one().remark == "Strong technical skills"

        listed = client.get(f"{IM}/", headers=auth_headers_hr).json()["data"]
        assert [(r["status"], r["cv_status"], r["has_evaluation"]) for r in listed] == [("selected", "selected", True)]
        assert client.get(f"{IM}/ongoing-interviews/", headers=auth_headers_hr).json()["data"] == []
    finally:
        unsubscribe()

    # Every write told the live board of this organization, after its commit.
    assert {e.topic for e in received} == {events.Topic.INTERVIEWS, events.Topic.CVS}
    assert {e.organization_id for e in received} == {str(org.id)}
