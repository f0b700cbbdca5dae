"""CSV exports: interviews with their evaluations, and one panel's results."""

from __future__ import annotations

import csv
import io
import uuid

import pytest

from hr_app.models import Question
from tests.api.interview_support import FORBIDDEN, IM, UNAUTHORIZED, make_interview
from tests.factories import QueryCounter, auth_header, create_cv, create_job_title, create_user
from tests.question_factories import create_bank, create_panel

EXPORT = f"{IM}/export.csv"


def rows_of(response) -> list[dict[str, str]]:
    assert response.content.startswith("\ufeff".encode())
    text = response.content.decode("utf-8-sig")
    assert "\r\n" in text
    return list(csv.DictReader(io.StringIO(text)))


class TestInterviewsCsv:
    def test_every_interview_with_its_evaluation(self, client, db, org, auth_headers_hr, interviewer):
        job_title = create_job_title(db, org, "Software Developer")
        cv = create_cv(db, org, job_title=job_title, name="John Doe", email="john@example.com")
        rated = make_interview(
            db,
            org,
            cv=cv,
            interviewer=interviewer,
            appearance=8,
            knowledge=9,
            confidence=7,
            attitude=8,
            communication=9,
            languages="English",
            expected_salary="50000",
            experience="5 years",
            remark="Strong",
        )
        bare = make_interview(db, org, cv=create_cv(db, org, name="Ann Empty", phone_number="555"))
        response = client.get(EXPORT, headers=auth_headers_hr)
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/csv; charset=utf-8"
        assert response.headers["content-disposition"] == 'attachment; filename="interviews.csv"'
        rows = rows_of(response)
        assert [row["interview_id"] for row in rows] == [str(bare.id), str(rated.id)]  # newest first
        first = rows[1]
        created = first.pop("created_at"), first.pop("updated_at")
        assert all(value.endswith("Z") for value in created)
        assert first == {
            "interview_id": str(rated.id),
            "candidate_name": "John Doe",
            "candidate_email": "john@example.com",
            "candidate_phone": "'+91 9876543210",
            "job_title": "Software Developer",
            "place": "Kochi",
            "district": "Ernakulam",
            "interviewer": "Ivy Iyer",
            "scheduled_at": "2025-11-15T10:00:00Z",
            "status": "pending",
            "cv_status": "ongoing",
            "appearance": "8",
            "knowledge": "9",
            "confidence": "7",
            "attitude": "8",
            "communication": "9",
            "average_rating": "8.2",
            "languages": "English",
            "expected_salary": "50000.00",
            "experience": "5 years",
            "remark": "Strong",
            "has_voice_note": "no",
        }
        assert rows[0]["appearance"] == "" and rows[0]["average_rating"] == "" and rows[0]["interviewer"] == ""

    @pytest.mark.parametrize("danger", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR"])
    def test_formulas_are_defused(self, client, db, org, auth_headers_hr, danger):
        make_interview(db, org, cv=create_cv(db, org, name=danger), remark=danger)
        row = rows_of(client.get(EXPORT, headers=auth_headers_hr))[0]
        assert row["candidate_name"] == "'" + danger and row["remark"] == "'" + danger

    def test_only_the_callers_organization(self, client, db, org, other_org, auth_headers_outsider):
        make_interview(db, org)
        response = client.get(EXPORT, headers=auth_headers_outsider)
        assert response.status_code == 200 and rows_of(response) == []

    def test_interviewers_get_403(self, client, db, org, auth_headers_interviewer):
        response = client.get(EXPORT, headers=auth_headers_interviewer)
        assert response.status_code == 403 and response.json() == FORBIDDEN

    def test_without_token_is_401(self, client):
        response = client.get(EXPORT)
        assert response.status_code == 401 and response.json() == UNAUTHORIZED

    def test_with_a_trailing_slash_too(self, client, auth_headers_hr):
        response = client.get(EXPORT + "/", headers=auth_headers_hr)
        assert response.status_code == 200 and rows_of(response) == []

    def test_a_fixed_number_of_queries(self, client, db, org, auth_headers_hr, interviewer):
        for _ in range(30):
            make_interview(db, org, interviewer=interviewer, appearance=5)
        with QueryCounter() as counter:
            response = client.get(EXPORT, headers=auth_headers_hr)
        assert len(rows_of(response)) == 30
        assert counter.count == 2, counter.statements  # the caller, then the interviews


class TestPanelResultsCsv:
    @pytest.fixture
    def bank(self, db, org):
        return create_bank(db, org, easy=4, medium=4, hard=4)

    def _submit(self, client, db, token: str, right: int) -> None:
        questions = client.get(f"/api/panel/session/{token}/").json()["data"]["questions"]
        answers = {}
        for position, question in enumerate(questions):
            correct = db.get(Question, uuid.UUID(question["uuid"])).correct_option
            answers[question["uuid"]] = correct if position < right else (correct + 1) % 4
        assert client.post(f"/api/panel/session/{token}/submit/", json={"answers": answers}).status_code == 200

    def test_state_score_pass_and_breakdown(self, client, db, org, bank, auth_headers_hr):
        cvs = [
            create_cv(db, org, name=name, email=f"{name.lower()}@example.com") for name in ("Ann", "Bob", "Cy", "-Dee")
        ]
        panel, candidates = create_panel(db, org, bank, candidates=cvs, easy=2, medium=2, hard=1)
        self._submit(client, db, candidates[0].token, right=3)  # 3 of 5: 60%, passes
        self._submit(client, db, candidates[1].token, right=2)  # 40%: fails
        client.get(f"/api/panel/session/{candidates[2].token}/")  # opened, not submitted
        response = client.get(f"/api/panel/get/{panel.id}/results.csv", headers=auth_headers_hr)
        assert response.status_code == 200
        assert response.headers["content-disposition"] == f'attachment; filename="panel-{panel.id}-results.csv"'
        rows = {row["candidate_name"]: row for row in rows_of(response)}
        assert list(rows) == ["'-Dee", "Ann", "Bob", "Cy"]
        ann = rows["Ann"]
        assert (ann["state"], ann["answered"], ann["questions"], ann["score"], ann["percent"], ann["passed"]) == (
            "submitted",
            "5",
            "5",
            "3",
            "60.0",
            "yes",
        )
        easy, medium, hard = (int(ann[f"{level}_correct"]) for level in ("easy", "medium", "hard"))
        assert easy + medium + hard == 3
        assert (ann["easy_total"], ann["medium_total"], ann["hard_total"]) == ("2", "2", "1")
        assert ann["opened_at"].endswith("Z") and ann["submitted_at"].endswith("Z")
        assert (rows["Bob"]["score"], rows["Bob"]["passed"]) == ("2", "no")
        cy = rows["Cy"]
        assert (cy["state"], cy["score"], cy["passed"], cy["easy_correct"], cy["easy_total"]) == (
            "open",
            "",
            "",
            "",
            "2",
        )
        dee = rows["'-Dee"]
        assert (dee["state"], dee["questions"], dee["opened_at"], dee["easy_total"]) == ("not_open", "5", "", "0")

    def test_errors_use_the_panel_envelope(
        self, client, db, org, other_org, bank, auth_headers_hr, auth_headers_outsider
    ):
        panel, _ = create_panel(db, org, bank)
        foreign = client.get(f"/api/panel/get/{panel.id}/results.csv", headers=auth_headers_outsider)
        assert foreign.status_code == 404
        assert foreign.json() == {
            "success": False,
            "message": "Interview panel not found",
            "errors": {"non_field_errors": ["No interview panel with this uuid in your organization."]},
        }
        ivy = auth_header(create_user(db, org, role="interviewer"))
        refused = client.get(f"/api/panel/get/{panel.id}/results.csv", headers=ivy)
        assert refused.status_code == 403
        assert refused.json() == {
            "success": False,
            "message": "You do not have permission to perform this action.",
            "errors": {"non_field_errors": ["Only admin or HR users can export interview panel results."]},
        }

    def test_a_fixed_number_of_queries(self, client, db, org, bank, auth_headers_hr):
        cvs = [create_cv(db, org) for _ in range(12)]
        panel, candidates = create_panel(db, org, bank, candidates=cvs)
        for candidate in candidates[:6]:
            client.get(f"/api/panel/session/{candidate.token}/")
        with QueryCounter() as counter:
            response = client.get(f"/api/panel/get/{panel.id}/results.csv", headers=auth_headers_hr)
        assert len(rows_of(response)) == 12
        assert counter.count == 7, counter.statements  # caller, end check, panel, 2 view loads, answers, breakdown
