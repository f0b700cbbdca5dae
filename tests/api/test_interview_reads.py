"""The read endpoints: CVs for interview, the list, ongoing interviews and one interview's details."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from hr_app.models import RATING_FIELDS
from hr_app.services import cvs as cv_service
from tests.api.interview_support import (
    FULL_EVALUATION,
    IM,
    NOT_FOUND_INTERVIEW,
    UNAUTHORIZED,
    make_interview,
    validation_error,
)
from tests.factories import QueryCounter, create_cv, create_job_title


def _get(client, path, headers):
    return client.get(f"{IM}/{path}", headers=headers)


class TestCvsForInterview:
    def test_pending_cvs_in_the_spec_shape(self, client, db, org, auth_headers_interviewer):
        job_title = create_job_title(db, org, "Software Developer")
        cv = create_cv(db, org, job_title=job_title, email="john@example.com")
        create_cv(db, org, name="Busy Bee", status="ongoing")
        response = _get(client, "cvs-for-interview/", auth_headers_interviewer)
        assert response.status_code == 200
        assert response.json() == {
            "success": True,
            "message": "Found 1 CV(s) available for interview",
            "data": [
                {
                    "id": str(cv.id),
                    "name": "John Doe",
                    "job_title": job_title.id,
                    "job_title_name": "Software Developer",
                    "place": "Kochi",
                    "email": "john@example.com",
                    "phone_number": "+91 9876543210",
                    "interview_status": "pending",
                }
            ],
        }

    def test_all_true_gives_every_status(self, client, db, org, auth_headers_hr):
        for status in ("pending", "ongoing", "selected", "rejected"):
            create_cv(db, org, name=f"Cand {status}", status=status)
        response = _get(client, "cvs-for-interview/?all=true", auth_headers_hr)
        assert response.json()["message"] == "Found 4 CV(s) available for interview"
        assert sorted(c["interview_status"] for c in response.json()["data"]) == [
            "ongoing",
            "pending",
            "rejected",
            "selected",
        ]

    def test_empty(self, client, auth_headers_hr):
        response = _get(client, "cvs-for-interview/", auth_headers_hr)
        assert response.json() == {"success": True, "message": "Found 0 CV(s) available for interview", "data": []}

    def test_other_organizations_cvs_are_invisible(self, client, db, other_org, auth_headers_hr):
        create_cv(db, other_org)
        assert _get(client, "cvs-for-interview/?all=true", auth_headers_hr).json()["data"] == []

    def test_bad_all_value(self, client, auth_headers_hr):
        response = _get(client, "cvs-for-interview/?all=maybe", auth_headers_hr)
        assert response.status_code == 400
        assert response.json() == validation_error({"all": ["Must be a valid boolean."]})

    def test_server_error_uses_the_spec_wording(self, client, auth_headers_hr, monkeypatch):
        def broken(*_args, **_kwargs):
            raise RuntimeError("database exploded")

        monkeypatch.setattr(cv_service, "cvs_for_interview", broken)
        response = _get(client, "cvs-for-interview/", auth_headers_hr)
        assert response.status_code == 500
        assert response.json() == {
            "success": False,
            "message": "Error retrieving CV data",
            "error": "INTERNAL_ERROR",
            "details": "Please try again later",
        }
        assert "database exploded" not in response.text
        assert response.headers["x-request-id"]

    def test_without_token_is_401(self, client):
        response = client.get(f"{IM}/cvs-for-interview/")
        assert response.status_code == 401 and response.json() == UNAUTHORIZED


class TestListInterviews:
    def test_flat_rows_newest_first(self, client, db, org, interviewer, auth_headers_hr):
        job_title = create_job_title(db, org, "Software Developer")
        now = datetime.now(UTC)
        older = make_interview(
            db,
            org,
            cv=create_cv(db, org, name="Jane Smith", job_title=job_title),
            status="selected",
            cv_status="selected",
            created_at=now - timedelta(days=1),
            appearance=7,
        )
        newer = make_interview(
            db,
            org,
            cv=create_cv(db, org, job_title=job_title, email="john@example.com"),
            interviewer=interviewer,
            created_at=now,
        )
        response = _get(client, "", auth_headers_hr)
        assert response.status_code == 200
        body = response.json()
        assert body["success"] is True and body["message"] == "Found 2 interview(s)"
        assert [row["id"] for row in body["data"]] == [str(newer.id), str(older.id)]
        first = body["data"][0]
        assert first == {
            "id": str(newer.id),
            "candidate_name": "John Doe",
            "candidate_email": "john@example.com",
            "candidate_phone": "+91 9876543210",
            "job_title": "Software Developer",
            "place": "Kochi",
            "district": "Ernakulam",
            "interviewer_name": "Ivy Iyer",
            "scheduled_at": "2025-11-15T10:00:00Z",
            "status": "pending",
            "cv_status": "ongoing",
            "has_evaluation": False,
            "created_at": first["created_at"],
            "updated_at": first["updated_at"],
        }
        second = body["data"][1]
        assert (second["status"], second["cv_status"], second["has_evaluation"]) == ("selected", "selected", True)
        assert second["interviewer_name"] is None

    def test_empty(self, client, auth_headers_hr):
        assert _get(client, "", auth_headers_hr).json() == {
            "success": True,
            "message": "Found 0 interview(s)",
            "data": [],
        }

    def test_other_organizations_interviews_are_invisible(self, client, db, other_org, auth_headers_hr):
        make_interview(db, other_org)
        assert _get(client, "", auth_headers_hr).json()["data"] == []

    def test_without_token_is_401(self, client):
        assert client.get(f"{IM}/").json() == UNAUTHORIZED


class TestOngoingInterviews:
    def test_only_ongoing_cvs_with_nested_candidate(self, client, db, org, interviewer, auth_headers_hr):
        job_title = create_job_title(db, org, "Software Developer")
        cv = create_cv(db, org, job_title=job_title, email="john@example.com")
        ongoing = make_interview(db, org, cv=cv, interviewer=interviewer, appearance=8)
        make_interview(db, org, status="selected", cv_status="selected")
        response = _get(client, "ongoing-interviews/", auth_headers_hr)
        body = response.json()
        assert response.status_code == 200
        assert body["message"] == "Found 1 ongoing interview(s)"
        row = body["data"][0]
        assert row == {
            "id": str(ongoing.id),
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
            "interviewer_name": "Ivy Iyer",
            "scheduled_at": "2025-11-15T10:00:00Z",
            "status": "pending",
            "evaluation_completed": False,
            "created_at": row["created_at"],
            "updated_at": row["updated_at"],
        }

    def test_evaluation_completed_needs_all_five_ratings(self, client, db, org, auth_headers_hr):
        ratings = {field: FULL_EVALUATION[field] for field in RATING_FIELDS}
        make_interview(db, org, **ratings)
        make_interview(db, org, **dict(ratings, attitude=None))
        rows = _get(client, "ongoing-interviews/", auth_headers_hr).json()["data"]
        assert sorted(row["evaluation_completed"] for row in rows) == [False, True]

    def test_empty_message(self, client, db, other_org, auth_headers_hr):
        make_interview(db, other_org)
        assert _get(client, "ongoing-interviews/", auth_headers_hr).json() == {
            "success": True,
            "message": "No ongoing interviews found",
            "data": [],
        }


class TestInterviewDetails:
    def test_full_object_with_evaluation(self, client, db, org, hr_user, auth_headers_interviewer):
        job_title = create_job_title(db, org, "Software Developer")
        cv = create_cv(db, org, job_title=job_title, email="john@example.com")
        interview = make_interview(db, org, cv=cv, interviewer=hr_user, **FULL_EVALUATION)
        org.blind_scorecards = False  # blind on, a member who is not interviewing sees no scorecard (test_scorecards)
        db.add(org)
        db.commit()
        response = _get(client, f"{interview.id}/", auth_headers_interviewer)
        assert response.status_code == 200
        body = response.json()
        assert body["success"] is True and body["message"] == "Interview retrieved successfully"
        data = body["data"]
        evaluation = data.pop("evaluation")
        assert data == {
            "id": str(interview.id),
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
            "created_at": data["created_at"],
            "updated_at": data["updated_at"],
        }
        assert evaluation == {
            "interview_id": str(interview.id),
            "candidate_name": "John Doe",
            **FULL_EVALUATION,
            "voice_note": None,
            "average_rating": 8.2,
            "created_at": evaluation["created_at"],
            "updated_at": evaluation["updated_at"],
        }

    def test_empty_evaluation_is_null(self, client, db, org, auth_headers_hr):
        interview = make_interview(db, org)
        assert _get(client, f"{interview.id}/", auth_headers_hr).json()["data"]["evaluation"] is None

    @pytest.mark.parametrize("interview_id", [pytest.param(str(uuid.uuid4()), id="unknown"), "not-a-uuid", "12345"])
    def test_unknown_or_malformed_id_is_404(self, client, auth_headers_hr, interview_id):
        response = _get(client, f"{interview_id}/", auth_headers_hr)
        assert response.status_code == 404
        assert response.json() == NOT_FOUND_INTERVIEW

    def test_another_organizations_interview_is_404(self, client, db, other_org, auth_headers_hr):
        interview = make_interview(db, other_org)
        response = _get(client, f"{interview.id}/", auth_headers_hr)
        assert response.status_code == 404 and response.json() == NOT_FOUND_INTERVIEW

    def test_without_token_is_401(self, client, db, org):
        interview = make_interview(db, org)
        assert client.get(f"{IM}/{interview.id}/").status_code == 401


class TestConstantQueryCount:
    """The lists cost the same number of SQL statements for 1 and for 50 interviews."""

    @staticmethod
    def _count(client, path, headers) -> int:
        with QueryCounter() as counter:
            response = client.get(f"{IM}/{path}", headers=headers)
        assert response.status_code == 200
        return counter.count

    @pytest.mark.parametrize("path", ["", "ongoing-interviews/", "cvs-for-interview/?all=true"])
    def test_one_and_fifty_interviews_cost_the_same(self, client, db, org, interviewer, auth_headers_hr, path):
        job_title = create_job_title(db, org)
        make_interview(db, org, cv=create_cv(db, org, job_title=job_title), interviewer=interviewer, appearance=5)
        one = self._count(client, path, auth_headers_hr)
        for _ in range(49):
            make_interview(db, org, cv=create_cv(db, org, job_title=job_title), interviewer=interviewer, appearance=5)
        fifty = self._count(client, path, auth_headers_hr)
        assert len(client.get(f"{IM}/{path}", headers=auth_headers_hr).json()["data"]) == 50
        assert one == fifty
