"""PATCH {id}/update-status/ and DELETE {id}/: status sync, history, roles and organizations."""

from __future__ import annotations

import uuid

import pytest
from sqlmodel import select

from hr_app.models import Evaluation, Interview, StatusChange
from tests.api.interview_support import (
    FORBIDDEN,
    IM,
    NOT_FOUND_INTERVIEW,
    UNAUTHORIZED,
    cv_row,
    interview_row,
    make_interview,
    validation_error,
)
from tests.factories import row_counts


def _patch(client, interview_id, headers, body):
    return client.patch(f"{IM}/{interview_id}/update-status/", headers=headers, json=body)


class TestUpdateStatus:
    @pytest.mark.parametrize(
        ("status", "cv_status"), [("selected", "selected"), ("rejected", "rejected"), ("pending", "ongoing")]
    )
    def test_status_and_cv_move_together_and_are_recorded(
        self, client, db, org, hr_user, auth_headers_hr, status, cv_status
    ):
        interview = make_interview(db, org, appearance=8)
        response = _patch(
            client, interview.id, auth_headers_hr, {"status": status, "remark": "Strong technical skills"}
        )
        assert response.status_code == 200
        body = response.json()
        assert body["success"] is True
        assert body["message"] == f"Interview status updated to '{status}' successfully"
        assert body["data"]["status"] == status
        assert body["data"]["candidate"]["interview_status"] == cv_status
        assert body["data"]["evaluation"]["appearance"] == 8
        assert interview_row(db, interview.id).status == status
        assert cv_row(db, interview.candidate_id).status == cv_status
        change = db.exec(select(StatusChange).where(StatusChange.interview_id == interview.id)).one()
        assert (change.from_status, change.to_status, change.remark) == ("pending", status, "Strong technical skills")
        assert change.changed_by_id == hr_user.id and change.organization_id == org.id

    def test_admin_may_too_and_remark_is_optional(self, client, db, org, auth_headers_admin):
        interview = make_interview(db, org)
        response = _patch(client, interview.id, auth_headers_admin, {"status": "rejected"})
        assert response.status_code == 200
        assert db.exec(select(StatusChange)).one().remark is None

    def test_invalid_status(self, client, db, org, auth_headers_hr):
        interview = make_interview(db, org)
        before = row_counts(db)
        response = _patch(client, interview.id, auth_headers_hr, {"status": "invalid_status"})
        assert response.status_code == 400
        assert response.json() == validation_error({"status": ['"invalid_status" is not a valid choice.']})
        assert row_counts(db) == before and interview_row(db, interview.id).status == "pending"

    def test_missing_status_and_long_remark(self, client, db, org, auth_headers_hr):
        interview = make_interview(db, org)
        before = row_counts(db)
        response = _patch(client, interview.id, auth_headers_hr, {"remark": "x" * 501})
        assert response.status_code == 400
        assert response.json() == validation_error(
            {
                "status": ["This field is required."],
                "remark": ["Ensure this field has no more than 500 characters."],
            }
        )
        assert row_counts(db) == before

    def test_unknown_interview_is_404(self, client, db, org, auth_headers_hr):
        before = row_counts(db)
        response = _patch(client, uuid.uuid4(), auth_headers_hr, {"status": "selected"})
        assert response.status_code == 404 and response.json() == NOT_FOUND_INTERVIEW
        assert row_counts(db) == before

    def test_another_organizations_interview_is_404(self, client, db, other_org, auth_headers_hr):
        interview = make_interview(db, other_org)
        before = row_counts(db)
        response = _patch(client, interview.id, auth_headers_hr, {"status": "selected"})
        assert response.status_code == 404 and response.json() == NOT_FOUND_INTERVIEW
        assert row_counts(db) == before and interview_row(db, interview.id).status == "pending"

    def test_interviewer_role_is_403(self, client, db, org, auth_headers_interviewer):
        interview = make_interview(db, org)
        before = row_counts(db)
        response = _patch(client, interview.id, auth_headers_interviewer, {"status": "selected"})
        assert response.status_code == 403 and response.json() == FORBIDDEN
        assert row_counts(db) == before and cv_row(db, interview.candidate_id).status == "ongoing"

    def test_without_token_is_401(self, client, db, org):
        interview = make_interview(db, org)
        response = client.patch(f"{IM}/{interview.id}/update-status/", json={"status": "selected"})
        assert response.status_code == 401 and response.json() == UNAUTHORIZED


class TestDeleteInterview:
    def _delete(self, client, interview_id, headers):
        return client.delete(f"{IM}/{interview_id}/", headers=headers)

    def test_ongoing_cv_goes_back_to_pending(self, client, db, org, auth_headers_hr):
        interview = make_interview(db, org, appearance=5)
        cv_id = interview.candidate_id
        _patch(client, interview.id, auth_headers_hr, {"status": "pending", "remark": "again"})
        response = self._delete(client, interview.id, auth_headers_hr)
        assert response.status_code == 200
        assert response.json() == {"success": True, "message": "Interview deleted successfully"}
        assert interview_row(db, interview.id) is None
        assert db.exec(select(Evaluation)).all() == [] and db.exec(select(StatusChange)).all() == []
        assert cv_row(db, cv_id).status == "pending"

    @pytest.mark.parametrize("decided", ["selected", "rejected"])
    def test_decided_cv_keeps_its_status(self, client, db, org, auth_headers_admin, decided):
        interview = make_interview(db, org, status=decided, cv_status=decided)
        cv_id = interview.candidate_id
        assert self._delete(client, interview.id, auth_headers_admin).status_code == 200
        assert db.exec(select(Interview)).all() == []
        assert cv_row(db, cv_id).status == decided

    def test_unknown_or_malformed_is_404(self, client, db, auth_headers_hr):
        for interview_id in (uuid.uuid4(), "nope"):
            response = self._delete(client, interview_id, auth_headers_hr)
            assert response.status_code == 404 and response.json() == NOT_FOUND_INTERVIEW

    def test_another_organizations_interview_is_404(self, client, db, other_org, auth_headers_hr):
        interview = make_interview(db, other_org)
        before = row_counts(db)
        response = self._delete(client, interview.id, auth_headers_hr)
        assert response.status_code == 404 and response.json() == NOT_FOUND_INTERVIEW
        assert row_counts(db) == before

    def test_interviewer_role_is_403(self, client, db, org, auth_headers_interviewer):
        interview = make_interview(db, org)
        before = row_counts(db)
        response = self._delete(client, interview.id, auth_headers_interviewer)
        assert response.status_code == 403 and response.json() == FORBIDDEN
        assert row_counts(db) == before

    def test_without_token_is_401(self, client, db, org):
        interview = make_interview(db, org)
        before = row_counts(db)
        assert client.delete(f"{IM}/{interview.id}/").json() == UNAUTHORIZED
        assert row_counts(db) == before
