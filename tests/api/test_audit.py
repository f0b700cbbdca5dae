"""The audit trail: what each write records, and GET /api/audit/?object=<type>:<id>."""

from __future__ import annotations

import io
import uuid

import pytest
from sqlmodel import select

from hr_app.models import AuditEntry, Question
from tests.api.interview_support import IM, UNAUTHORIZED, make_interview, validation_error
from tests.factories import QueryCounter, auth_header, create_cv, create_job_title, create_user
from tests.question_factories import create_bank, create_panel, panel_payload

AUDIT = "/api/audit/"


def trail(client, headers, obj: str, **params) -> dict:
    response = client.get(AUDIT, headers=headers, params={"object": obj, **params})
    assert response.status_code == 200, response.text
    return response.json()


def entries(db, object_id) -> list[AuditEntry]:
    db.expire_all()
    return list(db.exec(select(AuditEntry).where(AuditEntry.object_id == str(object_id)).order_by(AuditEntry.id)))


def summary(entry: dict) -> tuple:
    return (entry["object_type"], entry["action"], entry["actor"], entry["before"], entry["after"])


class TestInterviewTrail:
    def test_the_life_of_an_interview(self, client, db, org, hr_user, auth_headers_hr, interviewer):
        cv = create_cv(db, org, name="John Doe")
        started = client.post(
            f"{IM}/start-interview/",
            headers=auth_headers_hr,
            json={"candidate_id": str(cv.id), "scheduled_at": "2025-11-15T10:00:00Z", "interviewer_id": interviewer.id},
        )
        interview_id = started.json()["data"]["id"]
        ivy = auth_header(interviewer)
        client.post(f"{IM}/{interview_id}/evaluation/", headers=ivy, json={"appearance": 8, "remark": "Good"})
        client.patch(f"{IM}/{interview_id}/evaluation/", headers=ivy, json={"appearance": 8})  # no change: no entry
        client.patch(f"{IM}/{interview_id}/evaluation/", headers=ivy, json={"appearance": 9, "expected_salary": 50000})
        client.patch(
            f"{IM}/{interview_id}/update-status/",
            headers=auth_headers_hr,
            json={"status": "selected", "remark": "Hire"},
        )

        body = trail(client, ivy, f"interview:{interview_id}")
        assert body["success"] is True and body["message"] == "Found 4 audit entries"
        data = body["data"]
        assert (data["object"], data["total"], data["limit"], data["offset"]) == (f"interview:{interview_id}", 4, 50, 0)
        created = {
            "candidate_id": str(cv.id),
            "candidate": "John Doe",
            "interviewer_id": interviewer.id,
            "interviewer": "Ivy Iyer",
            "scheduled_at": "2025-11-15T10:00:00Z",
            "status": "pending",
        }
        assert [summary(entry) for entry in data["entries"]] == [
            (
                "interview",
                "status_changed",
                "Jane Smith",
                {"status": "pending"},
                {"status": "selected", "remark": "Hire"},
            ),
            (
                "evaluation",
                "updated",
                "Ivy Iyer",
                {"appearance": 8, "expected_salary": None},
                {"appearance": 9, "expected_salary": "50000.00"},
            ),
            (
                "evaluation",
                "created",
                "Ivy Iyer",
                {"appearance": None, "remark": None},
                {"appearance": 8, "remark": "Good"},
            ),
            ("interview", "created", "Jane Smith", None, created),
        ]
        first = data["entries"][-1]
        assert first["actor_id"] == hr_user.id and first["object_id"] == interview_id
        assert set(first) == {
            "id",
            "created_at",
            "actor_id",
            "actor",
            "object_type",
            "object_id",
            "action",
            "before",
            "after",
        }

        cv_trail = trail(client, ivy, f"cv:{cv.id}")["data"]["entries"]
        assert [summary(entry) for entry in cv_trail] == [
            ("cv", "status_changed", "Jane Smith", {"status": "ongoing"}, {"status": "selected"}),
            ("cv", "status_changed", "Jane Smith", {"status": "pending"}, {"status": "ongoing"}),
        ]

    def test_order_and_content_exactly(self, client, db, org, auth_headers_hr, hr_user):
        interview = make_interview(db, org)
        client.post(f"{IM}/{interview.id}/evaluation/", headers=auth_headers_hr, json={"appearance": 8})
        client.patch(f"{IM}/{interview.id}/update-status/", headers=auth_headers_hr, json={"status": "rejected"})
        rows = trail(client, auth_headers_hr, f"interview:{interview.id}")["data"]["entries"]
        assert [summary(entry) for entry in rows] == [
            (
                "interview",
                "status_changed",
                "Jane Smith",
                {"status": "pending"},
                {"status": "rejected", "remark": None},
            ),
            ("evaluation", "created", "Jane Smith", {"appearance": None}, {"appearance": 8}),
        ]

    def test_a_deleted_interview_keeps_its_trail(self, client, db, org, auth_headers_hr):
        interview = make_interview(db, org)
        assert client.delete(f"{IM}/{interview.id}/", headers=auth_headers_hr).status_code == 200
        rows = trail(client, auth_headers_hr, f"interview:{interview.id}")["data"]["entries"]
        assert [(entry["action"], entry["after"]) for entry in rows] == [("deleted", None)]
        assert rows[0]["before"]["status"] == "pending"
        assert [entry.action for entry in entries(db, interview.candidate_id)] == ["status_changed"]

    def test_a_refused_write_records_nothing(self, client, db, org, auth_headers_hr, auth_headers_interviewer):
        interview = make_interview(db, org)
        client.post(f"{IM}/{interview.id}/evaluation/", headers=auth_headers_hr, json={"appearance": 11})
        client.patch(
            f"{IM}/{interview.id}/update-status/", headers=auth_headers_interviewer, json={"status": "selected"}
        )
        assert entries(db, interview.id) == []


class TestCvTrail:
    def test_create_update_delete_and_import(self, client, db, org, auth_headers_hr):
        job_title = create_job_title(db, org, "Tester")
        created = client.post(
            "/api/cvs/",
            headers=auth_headers_hr,
            json={"name": "Ann", "email": "Ann@Example.com", "job_title": job_title.id},
        )
        cv_id = created.json()["data"]["id"]
        client.patch(f"/api/cvs/{cv_id}/", headers=auth_headers_hr, json={"place": "Kochi", "name": "Ann"})
        client.delete(f"/api/cvs/{cv_id}/", headers=auth_headers_hr)
        rows = trail(client, auth_headers_hr, f"cv:{cv_id}")["data"]["entries"]
        snapshot = {
            "name": "Ann",
            "email": "ann@example.com",
            "phone_number": "",
            "job_title_id": job_title.id,
            "place": "",
            "district": "",
            "status": "pending",
        }
        assert [summary(entry) for entry in rows] == [
            ("cv", "deleted", "Jane Smith", {**snapshot, "place": "Kochi"}, None),
            ("cv", "updated", "Jane Smith", {"place": ""}, {"place": "Kochi"}),
            ("cv", "created", "Jane Smith", None, snapshot),
        ]
        csv_file = io.BytesIO(b"name,email\nBo,bo@example.com\n")
        imported = client.post(
            "/api/cvs/import/", headers=auth_headers_hr, files={"file": ("cvs.csv", csv_file, "text/csv")}
        )
        new_id = imported.json()["data"][0]["id"]
        assert [entry.action for entry in entries(db, new_id)] == ["imported"]


class TestPanelTrail:
    @pytest.fixture
    def bank(self, db, org):
        return create_bank(db, org, easy=4, medium=4, hard=4)

    def test_manager_writes(self, client, db, org, bank, auth_headers_hr):
        cv = create_cv(db, org, name="Ann")
        created = client.post("/api/panel/create/", headers=auth_headers_hr, json=panel_payload(bank, [cv]))
        panel_id = created.json()["data"]["uuid"]
        client.put(
            f"/api/panel/update/{panel_id}/", headers=auth_headers_hr, json={"name": "Renamed", "show_scores": True}
        )
        client.delete(f"/api/panel/delete/{panel_id}/", headers=auth_headers_hr)
        rows = [(e.action, e.before, e.after) for e in entries(db, panel_id)]
        assert [action for action, _, _ in rows] == ["created", "updated", "deleted"]
        assert rows[0][2]["name"] == "Python Developer Interview - 2024" and rows[0][2]["candidates"] == ["Ann"]
        assert rows[1][1:] == ({"name": "Python Developer Interview - 2024"}, {"name": "Renamed"})
        assert rows[2][1]["name"] == "Renamed" and rows[2][2] is None
        # a deleted panel's trail stays readable
        assert trail(client, auth_headers_hr, f"panel:{panel_id}")["data"]["total"] == 3

    def test_candidate_sessions_have_no_actor(self, client, db, org, bank, auth_headers_hr):
        cv = create_cv(db, org, name="John Doe")
        panel, [candidate] = create_panel(db, org, bank, candidates=[cv], easy=2, medium=1, hard=1)
        questions = client.get(f"/api/panel/session/{candidate.token}/").json()["data"]["questions"]
        client.get(f"/api/panel/session/{candidate.token}/")  # a reload draws nothing new: no entry
        first = questions[0]["uuid"]
        correct = db.get(Question, uuid.UUID(first)).correct_option
        client.post(f"/api/panel/session/{candidate.token}/submit/", json={"answers": {first: correct}})
        rows = trail(client, auth_headers_hr, f"panel:{panel.id}")["data"]["entries"]
        assert [(e["action"], e["actor_id"], e["actor"], e["before"], e["after"]) for e in rows] == [
            (
                "session_submitted",
                None,
                "candidate",
                None,
                {"candidate_id": str(cv.id), "candidate": "John Doe", "score": 1, "total": 4},
            ),
            ("session_opened", None, "candidate", None, {"candidate_id": str(cv.id), "candidate": "John Doe"}),
        ]


class TestReading:
    def test_newest_first_with_limit_and_offset(self, client, db, org, auth_headers_hr):
        interview = make_interview(db, org)
        for rating in range(1, 6):
            client.patch(f"{IM}/{interview.id}/evaluation/", headers=auth_headers_hr, json={"appearance": rating})
        page = trail(client, auth_headers_hr, f"interview:{interview.id}", limit=2, offset=1)["data"]
        assert (page["total"], page["limit"], page["offset"]) == (5, 2, 1)
        assert [entry["after"]["appearance"] for entry in page["entries"]] == [4, 3]

    def test_three_queries_whatever_the_count(self, client, db, org, auth_headers_hr):
        interview = make_interview(db, org)
        for rating in range(10):
            client.patch(f"{IM}/{interview.id}/evaluation/", headers=auth_headers_hr, json={"knowledge": rating})
        with QueryCounter() as counter:
            body = trail(client, auth_headers_hr, f"interview:{interview.id}")
        assert body["data"]["total"] == 10
        assert counter.count == 3, counter.statements  # the caller, the count, the page

    def test_an_object_without_entries_is_an_empty_trail(self, client, db, org, auth_headers_hr):
        interview = make_interview(db, org)  # made by a factory, not a service: nothing recorded
        assert trail(client, auth_headers_hr, f"interview:{interview.id}")["data"]["entries"] == []

    def test_a_panels_trail_is_for_admin_and_hr(self, client, db, org, auth_headers_interviewer):
        """Like the panel itself (decision 38): it names the candidates and their scores."""
        panel, _ = create_panel(db, org, create_bank(db, org), candidates=[create_cv(db, org)])
        response = client.get(AUDIT, headers=auth_headers_interviewer, params={"object": f"panel:{panel.id}"})
        assert response.status_code == 403
        assert response.json() == {
            "success": False,
            "message": "You do not have permission to perform this action.",
            "error": "FORBIDDEN",
            "details": "Only admin or HR users can view interview panels.",
        }

    def test_another_organizations_object_is_404(
        self, client, db, org, other_org, auth_headers_hr, auth_headers_outsider
    ):
        interview = make_interview(db, org)
        client.patch(f"{IM}/{interview.id}/evaluation/", headers=auth_headers_hr, json={"appearance": 3})
        for obj in (f"interview:{interview.id}", f"cv:{interview.candidate_id}", f"panel:{uuid.uuid4()}"):
            response = client.get(AUDIT, headers=auth_headers_outsider, params={"object": obj})
            assert response.status_code == 404
            kind = obj.split(":")[0]
            assert response.json() == {
                "success": False,
                "message": "Object not found",
                "error": "NOT_FOUND",
                "details": f"No {kind} with this id in your organization.",
            }

    @pytest.mark.parametrize(
        ("params", "details"),
        [
            ({}, {"object": ["This field is required."]}),
            (
                {"object": "person:1"},
                {
                    "object": [
                        '"person" is not a valid object type. Use <type>:<id> with type one of interview, '
                        "evaluation, cv, panel, user, question, category, topic, subtopic."
                    ]
                },
            ),
            ({"object": "user:abc"}, {"object": ["Must be user:<id> with a user's number."]}),
            ({"object": "user:0"}, {"object": ["Must be user:<id> with a user's number."]}),
            ({"object": "interview:42"}, {"object": ["Must be <type>:<id> with a valid UUID."]}),
            (
                {"object": f"interview:{uuid.uuid4()}", "limit": 0},
                {"limit": ["Ensure this value is between 1 and 200."]},
            ),
            ({"object": f"interview:{uuid.uuid4()}", "limit": "ten"}, {"limit": ["A valid integer is required."]}),
            (
                {"object": f"interview:{uuid.uuid4()}", "offset": -1},
                {"offset": ["Ensure this value is greater than or equal to 0."]},
            ),
        ],
    )
    def test_bad_queries_are_400(self, client, auth_headers_hr, params, details):
        response = client.get(AUDIT, headers=auth_headers_hr, params=params)
        assert response.status_code == 400
        assert response.json() == validation_error(details)

    def test_without_token_is_401(self, client):
        response = client.get(AUDIT, params={"object": f"cv:{uuid.uuid4()}"})
        assert response.status_code == 401 and response.json() == UNAUTHORIZED


class TestUserAndBankTrails:
    """The entries the hardening pass added (sign-ins, user changes, question-bank edits) are read here too."""

    def test_a_users_trail_is_for_admins(self, client, db, admin, hr_user, auth_headers_admin, auth_headers_hr):
        assert client.post("/api/auth/token/", json={"email": hr_user.email, "password": "wrong"}).status_code == 401
        response = client.get(AUDIT, headers=auth_headers_admin, params={"object": f"user:{hr_user.id}"})
        assert response.status_code == 200, response.text
        page = response.json()["data"]
        assert page["object"] == f"user:{hr_user.id}"
        assert [(e["action"], e["after"]["email"]) for e in page["entries"]] == [("sign_in_failed", hr_user.email)]
        refused = client.get(AUDIT, headers=auth_headers_hr, params={"object": f"user:{admin.id}"})
        assert (refused.status_code, refused.json()) == (
            403,
            {
                "success": False,
                "message": "You do not have permission to perform this action.",
                "error": "FORBIDDEN",
                "details": "Only admins can read a user's trail.",
            },
        )

    def test_a_questions_trail_shows_its_changed_correct_option(self, client, db, org, auth_headers_hr):
        subtopic = create_bank(db, org, easy=1, medium=0, hard=0).subtopic
        [first] = db.exec(select(Question).where(Question.subtopic_id == subtopic.id)).all()
        changed = client.patch(
            f"/api/question-bank/questions/{first.id}/",
            headers=auth_headers_hr,
            json={"correct_option": (first.correct_option + 1) % len(first.options)},
        )
        assert changed.status_code == 200, changed.text
        response = client.get(AUDIT, headers=auth_headers_hr, params={"object": f"question:{first.id}"})
        [entry] = response.json()["data"]["entries"]
        assert entry["action"] == "updated"
        assert (entry["before"]["correct_option"], entry["after"]["correct_option"]) == (
            first.correct_option,
            (first.correct_option + 1) % len(first.options),
        )

    def test_the_banks_trail_is_not_for_interviewers(self, client, db, org, auth_headers_interviewer):
        subtopic = create_bank(db, org, easy=1, medium=0, hard=0).subtopic
        response = client.get(AUDIT, headers=auth_headers_interviewer, params={"object": f"subtopic:{subtopic.id}"})
        assert response.status_code == 403
        assert response.json()["details"] == "Only admin or HR users can read the question bank's trail."

    def test_another_organizations_user_is_404(self, client, db, other_org, auth_headers_admin):
        stranger = create_user(db, other_org, email="someone@globex.test")
        response = client.get(AUDIT, headers=auth_headers_admin, params={"object": f"user:{stranger.id}"})
        assert (response.status_code, response.json()["details"]) == (404, "No user with this id in your organization.")
