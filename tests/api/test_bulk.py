"""Bulk actions: start interviews for several CVs, reject several CVs. All or nothing."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlmodel import select

from hr_app.models import AuditEntry, Interview, StatusChange
from tests.api.interview_support import FORBIDDEN, IM, cv_row, interview_row, make_interview, validation_error
from tests.factories import QueryCounter, create_cv, create_user, row_counts

START = f"{IM}/bulk-start/"
REJECT = f"{IM}/bulk-reject/"


def _ids(*cvs) -> list[str]:
    return [str(cv.id) for cv in cvs]


class TestBulkStart:
    def test_one_interview_each_in_15_minute_steps(self, client, db, org, auth_headers_hr, interviewer):
        cvs = [create_cv(db, org, name=name) for name in ("Ann", "Bob", "Cy")]
        response = client.post(
            START,
            headers=auth_headers_hr,
            json={"candidate_ids": _ids(*cvs), "interviewer_id": interviewer.id, "first_slot": "2025-11-15T09:00:00Z"},
        )
        assert response.status_code == 201
        body = response.json()
        assert list(body) == ["success", "message", "data"]  # the batch's own slots are not clashes
        assert body["message"] == "Started 3 interview(s)"
        assert [(i["candidate"]["name"], i["scheduled_at"], i["status"]) for i in body["data"]] == [
            ("Ann", "2025-11-15T09:00:00Z", "pending"),
            ("Bob", "2025-11-15T09:15:00Z", "pending"),
            ("Cy", "2025-11-15T09:30:00Z", "pending"),
        ]
        for cv, item in zip(cvs, body["data"], strict=True):
            assert cv_row(db, cv.id).status == "ongoing"
            row = interview_row(db, uuid.UUID(item["id"]))
            assert row.candidate_id == cv.id and row.interviewer_id == interviewer.id

    def test_step_and_clashes_with_other_interviews(self, client, db, org, auth_headers_admin, interviewer):
        existing = make_interview(db, org, interviewer=interviewer, cv=create_cv(db, org, name="Booked Already"))
        existing.scheduled_at = datetime(2025, 11, 15, 11, 0, tzinfo=UTC)
        db.add(existing)
        db.commit()
        cvs = [create_cv(db, org, name=name) for name in ("Ann", "Bob")]
        response = client.post(
            START,
            headers=auth_headers_admin,
            json={
                "candidate_ids": _ids(*cvs),
                "interviewer_id": interviewer.id,
                "first_slot": "2025-11-15T09:30:00",
                "step_minutes": 60,
            },
        )
        assert response.status_code == 201
        assert [i["scheduled_at"] for i in response.json()["data"]] == ["2025-11-15T09:30:00Z", "2025-11-15T10:30:00Z"]
        assert response.json()["warnings"] == [
            "Ivy Iyer has another interview (Booked Already) at 2025-11-15T11:00:00Z, 30 minutes apart"
        ]

    def test_all_or_nothing_with_errors_per_row(self, client, db, org, other_org, auth_headers_hr, interviewer):
        good = create_cv(db, org, name="Good")
        ongoing = create_cv(db, org, name="Busy Bee", status="ongoing")
        decided = create_cv(db, org, status="rejected")
        foreign = create_cv(db, other_org)
        before = row_counts(db)
        response = client.post(
            START,
            headers=auth_headers_hr,
            json={
                "candidate_ids": [*_ids(good, ongoing, decided, foreign), "nope", str(good.id)],
                "interviewer_id": interviewer.id,
                "first_slot": "2025-11-15T09:00:00Z",
            },
        )
        assert response.status_code == 400
        assert response.json() == validation_error(
            {
                "rows.1.candidate_id": ["Interview for Busy Bee is already in progress"],
                "rows.2.candidate_id": ["Candidate status is 'rejected'. Cannot start new interview."],
                "rows.3.candidate_id": ["No candidate found with the provided ID"],
                "rows.4.candidate_id": ["Must be a valid UUID."],
                "rows.5.candidate_id": ["The same candidate as row 0."],
            }
        )
        assert row_counts(db) == before and cv_row(db, good.id).status == "pending"

    def test_body_problems(self, client, db, org, auth_headers_hr, interviewer, outsider):
        empty = client.post(
            START,
            headers=auth_headers_hr,
            json={"candidate_ids": [], "interviewer_id": interviewer.id, "first_slot": "2025-11-15T09:00:00Z"},
        )
        assert empty.json() == validation_error({"candidate_ids": ["This list may not be empty."]})
        missing = client.post(START, headers=auth_headers_hr, json={})
        assert missing.json() == validation_error(
            {
                "candidate_ids": ["This field is required."],
                "interviewer_id": ["This field is required."],
                "first_slot": ["This field is required."],
            }
        )
        foreign = client.post(
            START,
            headers=auth_headers_hr,
            json={
                "candidate_ids": _ids(create_cv(db, org)),
                "interviewer_id": outsider.id,
                "first_slot": "2025-11-15T09:00:00Z",
            },
        )
        assert foreign.json() == validation_error({"interviewer_id": ["Interviewer with this ID does not exist"]})

    def test_interviewers_get_403(self, client, db, org, auth_headers_interviewer, interviewer):
        cv = create_cv(db, org)
        response = client.post(
            START,
            headers=auth_headers_interviewer,
            json={"candidate_ids": _ids(cv), "interviewer_id": interviewer.id, "first_slot": "2025-11-15T09:00:00Z"},
        )
        assert response.status_code == 403 and response.json() == FORBIDDEN
        assert cv_row(db, cv.id).status == "pending"


class TestBulkReject:
    def test_pending_and_ongoing_cvs(self, client, db, org, auth_headers_hr, hr_user):
        pending = create_cv(db, org, name="Pending Pat")
        interview = make_interview(db, org, cv=create_cv(db, org, name="Ongoing Oz"))
        response = client.post(
            REJECT,
            headers=auth_headers_hr,
            json={"candidate_ids": [str(pending.id), str(interview.candidate_id)], "remark": "  Position filled  "},
        )
        assert response.status_code == 200
        assert response.json() == {
            "success": True,
            "message": "Rejected 2 candidate(s)",
            "data": [
                {"id": str(pending.id), "name": "Pending Pat", "email": pending.email, "interview_status": "rejected"},
                {
                    "id": str(interview.candidate_id),
                    "name": "Ongoing Oz",
                    "email": cv_row(db, interview.candidate_id).email,
                    "interview_status": "rejected",
                },
            ],
        }
        assert cv_row(db, pending.id).status == "rejected"
        assert interview_row(db, interview.id).status == "rejected"
        change = db.exec(select(StatusChange).where(StatusChange.interview_id == interview.id)).one()
        assert (change.from_status, change.to_status, change.remark, change.changed_by_id) == (
            "pending",
            "rejected",
            "Position filled",
            hr_user.id,
        )
        entry = db.exec(select(AuditEntry).where(AuditEntry.object_id == str(pending.id))).one()
        assert (entry.action, entry.before, entry.after) == (
            "status_changed",
            {"status": "pending"},
            {"status": "rejected", "remark": "Position filled"},
        )

    def test_all_or_nothing(self, client, db, org, other_org, auth_headers_admin):
        pending = create_cv(db, org)
        selected = create_cv(db, org, status="selected")
        stray = create_cv(db, org, status="ongoing")  # ongoing without a pending interview
        foreign = create_cv(db, other_org)
        before = row_counts(db)
        response = client.post(
            REJECT, headers=auth_headers_admin, json={"candidate_ids": _ids(pending, selected, stray, foreign)}
        )
        assert response.status_code == 400
        assert response.json() == validation_error(
            {
                "rows.1.candidate_id": ["Candidate status is 'selected'. Cannot reject."],
                "rows.2.candidate_id": ["The candidate has no pending interview to reject."],
                "rows.3.candidate_id": ["No candidate found with the provided ID"],
            }
        )
        assert row_counts(db) == before and cv_row(db, pending.id).status == "pending"

    def test_remark_length(self, client, db, org, auth_headers_hr):
        response = client.post(
            REJECT, headers=auth_headers_hr, json={"candidate_ids": _ids(create_cv(db, org)), "remark": "x" * 501}
        )
        assert response.status_code == 400
        assert response.json() == validation_error({"remark": ["Ensure this field has no more than 500 characters."]})

    def test_interviewers_get_403(self, client, db, org):
        ivy = create_user(db, org, role="interviewer")
        from tests.factories import auth_header

        cv = create_cv(db, org)
        response = client.post(REJECT, headers=auth_header(ivy), json={"candidate_ids": _ids(cv)})
        assert response.status_code == 403 and response.json() == FORBIDDEN
        assert cv_row(db, cv.id).status == "pending"

    def test_queries_do_not_grow_with_pending_rows(self, client, db, org, auth_headers_hr):
        def run(count: int) -> int:
            cvs = [create_cv(db, org) for _ in range(count)]
            with QueryCounter() as counter:
                assert (
                    client.post(REJECT, headers=auth_headers_hr, json={"candidate_ids": _ids(*cvs)}).status_code == 200
                )
            return counter.count

        assert run(2) == run(10)


def test_interview_rows_unchanged_for_bulk_reject_of_pending(client, db, org, auth_headers_hr):
    cv = create_cv(db, org)
    client.post(REJECT, headers=auth_headers_hr, json={"candidate_ids": _ids(cv)})
    assert db.exec(select(Interview)).all() == []
