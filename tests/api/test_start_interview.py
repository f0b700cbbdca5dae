"""POST /api/interview-management/start-interview/: every documented answer and the database after it."""

from __future__ import annotations

import uuid

import pytest
from sqlmodel import select

from hr_app.models import CvStatus, Evaluation, Interview
from tests.api.interview_support import IM, UNAUTHORIZED, cv_row, recent, validation_error
from tests.factories import create_cv, create_job_title, create_user, row_counts

URL = f"{IM}/start-interview/"


def _body(cv, **extra):
    return {"candidate_id": str(cv.id), "scheduled_at": "2025-11-15T10:00:00Z", **extra}


class TestStarted:
    def test_201_with_the_full_interview_object(self, client, db, org, auth_headers_hr, hr_user):
        job_title = create_job_title(db, org, "Software Developer")
        cv = create_cv(db, org, job_title=job_title, email="john@example.com")
        response = client.post(URL, headers=auth_headers_hr, json=_body(cv, interviewer_id=hr_user.id))
        assert response.status_code == 201
        body = response.json()
        data = body["data"]
        interview_id = data.pop("id")
        assert recent(data.pop("created_at")) and recent(data.pop("updated_at"))
        assert body["success"] is True
        assert body["message"] == "Interview started successfully for John Doe"
        assert data == {
            "candidate": {
                "id": str(cv.id),
                "name": "John Doe",
                "job_title": job_title.id,
                "job_title_name": "Software Developer",
                "place": "Kochi",
                "email": "john@example.com",
                "phone_number": "+91 9876543210",
                "interview_status": "ongoing",
            },
            "interviewer": {
                "id": hr_user.id,
                "email": "hr@acme.test",
                "first_name": "Jane",
                "last_name": "Smith",
                "job_role": "HR Manager",
            },
            "scheduled_at": "2025-11-15T10:00:00Z",
            "status": "pending",
            "evaluation": None,
        }
        interview = db.get(Interview, uuid.UUID(interview_id))
        assert interview.candidate_id == cv.id and interview.interviewer_id == hr_user.id
        assert interview.organization_id == org.id and interview.status == "pending"
        assert cv_row(db, cv.id).status == CvStatus.ONGOING
        evaluation = db.exec(select(Evaluation).where(Evaluation.interview_id == interview.id)).one()
        assert evaluation.appearance is None and evaluation.remark is None

    def test_interviewer_is_optional(self, client, db, org, auth_headers_interviewer):
        cv = create_cv(db, org)
        response = client.post(URL, headers=auth_headers_interviewer, json=_body(cv))
        assert response.status_code == 201
        assert response.json()["data"]["interviewer"] is None

    def test_naive_datetime_means_utc_and_offsets_are_converted(self, client, db, org, auth_headers_hr):
        naive = client.post(
            URL, headers=auth_headers_hr, json=_body(create_cv(db, org), scheduled_at="2025-11-15T10:00")
        )
        offset = client.post(
            URL, headers=auth_headers_hr, json=_body(create_cv(db, org), scheduled_at="2025-11-15T15:30:00+05:30")
        )
        assert naive.json()["data"]["scheduled_at"] == "2025-11-15T10:00:00Z"
        assert offset.json()["data"]["scheduled_at"] == "2025-11-15T10:00:00Z"


class TestRefused:
    def test_unknown_candidate_is_404(self, client, db, org, auth_headers_hr):
        before = row_counts(db)
        response = client.post(
            URL,
            headers=auth_headers_hr,
            json={"candidate_id": str(uuid.uuid4()), "scheduled_at": "2025-11-15T10:00:00Z"},
        )
        assert response.status_code == 404
        assert response.json() == {
            "success": False,
            "message": "Candidate not found",
            "error": "NOT_FOUND",
            "details": "No candidate found with the provided ID",
        }
        assert row_counts(db) == before

    def test_another_organizations_candidate_is_404(self, client, db, other_org, auth_headers_hr):
        cv = create_cv(db, other_org)
        before = row_counts(db)
        response = client.post(URL, headers=auth_headers_hr, json=_body(cv))
        assert response.status_code == 404
        assert response.json()["message"] == "Candidate not found"
        assert row_counts(db) == before and cv_row(db, cv.id).status == "pending"

    def test_already_ongoing(self, client, db, org, auth_headers_hr):
        cv = create_cv(db, org)
        assert client.post(URL, headers=auth_headers_hr, json=_body(cv)).status_code == 201
        before = row_counts(db)
        response = client.post(URL, headers=auth_headers_hr, json=_body(cv))
        assert response.status_code == 400
        assert response.json() == validation_error({"candidate_id": ["Interview for John Doe is already in progress"]})
        assert row_counts(db) == before

    @pytest.mark.parametrize("status", ["selected", "rejected"])
    def test_decided_candidate(self, client, db, org, auth_headers_hr, status):
        cv = create_cv(db, org, status=status)
        before = row_counts(db)
        response = client.post(URL, headers=auth_headers_hr, json=_body(cv))
        assert response.status_code == 400
        assert response.json() == validation_error(
            {"candidate_id": [f"Candidate status is '{status}'. Cannot start new interview."]}
        )
        assert row_counts(db) == before and cv_row(db, cv.id).status == status

    def test_unknown_interviewer(self, client, db, org, auth_headers_hr):
        cv = create_cv(db, org)
        before = row_counts(db)
        response = client.post(URL, headers=auth_headers_hr, json=_body(cv, interviewer_id=999999))
        assert response.status_code == 400
        assert response.json() == validation_error({"interviewer_id": ["Interviewer with this ID does not exist"]})
        assert row_counts(db) == before and cv_row(db, cv.id).status == "pending"

    def test_interviewer_of_another_organization(self, client, db, org, auth_headers_hr, outsider):
        cv = create_cv(db, org)
        before = row_counts(db)
        response = client.post(URL, headers=auth_headers_hr, json=_body(cv, interviewer_id=outsider.id))
        assert response.json() == validation_error({"interviewer_id": ["Interviewer with this ID does not exist"]})
        assert row_counts(db) == before

    def test_inactive_interviewer(self, client, db, org, auth_headers_hr):
        gone = create_user(db, org, is_active=False)
        response = client.post(URL, headers=auth_headers_hr, json=_body(create_cv(db, org), interviewer_id=gone.id))
        assert response.status_code == 400
        assert response.json()["details"] == {"interviewer_id": ["Interviewer with this ID does not exist"]}

    def test_missing_fields(self, client, db, org, auth_headers_hr):
        before = row_counts(db)
        response = client.post(URL, headers=auth_headers_hr, json={})
        assert response.status_code == 400
        assert response.json() == validation_error(
            {"candidate_id": ["This field is required."], "scheduled_at": ["This field is required."]}
        )
        assert row_counts(db) == before

    def test_malformed_fields(self, client, db, org, auth_headers_hr):
        before = row_counts(db)
        response = client.post(
            URL,
            headers=auth_headers_hr,
            json={"candidate_id": "not-a-uuid", "scheduled_at": "next tuesday", "interviewer_id": "x"},
        )
        assert response.status_code == 400
        assert response.json() == validation_error(
            {
                "candidate_id": ["Must be a valid UUID."],
                "scheduled_at": ["Datetime has wrong format. Use ISO 8601, e.g. 2025-11-15T10:00:00Z."],
                "interviewer_id": ["A valid integer is required."],
            }
        )
        assert row_counts(db) == before

    def test_unknown_field(self, client, db, org, auth_headers_hr):
        response = client.post(URL, headers=auth_headers_hr, json=_body(create_cv(db, org), status="selected"))
        assert response.status_code == 400
        assert response.json() == validation_error({"status": ["Unknown field."]})

    def test_malformed_json(self, client, db, auth_headers_hr):
        before = row_counts(db)
        response = client.post(
            URL, headers={**auth_headers_hr, "content-type": "application/json"}, content=b'{"candidate_id": '
        )
        assert response.status_code == 400
        assert response.json() == validation_error(
            {"non_field_errors": ["JSON parse error: the request body is not valid JSON."]}
        )
        assert row_counts(db) == before

    def test_without_token_is_401(self, client, db, org):
        cv = create_cv(db, org)
        before = row_counts(db)
        response = client.post(URL, json=_body(cv))
        assert response.status_code == 401
        assert response.json() == UNAUTHORIZED
        assert row_counts(db) == before

    def test_path_without_trailing_slash_answers_the_same(self, client, db, org, auth_headers_hr):
        response = client.post(URL.rstrip("/"), headers=auth_headers_hr, json=_body(create_cv(db, org)))
        assert response.status_code == 201
