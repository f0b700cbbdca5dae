"""Time per question through the API: the candidate's `PUT .../viewing/` and HR's `answers.csv`."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from hr_app.models import Answer, PanelCandidate
from tests.api.test_exports import rows_of
from tests.clock import Clock
from tests.factories import QueryCounter, auth_header, create_cv, create_user, row_counts
from tests.question_factories import create_bank, create_panel

SESSION = "/api/panel/session"


@pytest.fixture
def clock(monkeypatch) -> Clock:
    return Clock(monkeypatch)


@pytest.fixture
def bank(db, org):
    return create_bank(db, org, easy=1, medium=1, hard=1)


def open_session(client, token: str) -> list[dict]:
    response = client.get(f"{SESSION}/{token}/")
    assert response.status_code == 200, response.text
    return response.json()["data"]["questions"]


def view(client, token: str, body) -> object:
    return client.put(f"{SESSION}/{token}/viewing/", json=body)


class TestViewing:
    def test_the_time_on_each_question_reaches_the_answers_csv(self, client, db, org, bank, clock, auth_headers_hr):
        panel, (candidate,) = create_panel(db, org, bank, candidates=[create_cv(db, org, name="Ada")])
        questions = open_session(client, candidate.token)
        assert view(client, candidate.token, {"position": 1}).json() == {"success": True, "message": "Viewing recorded"}
        clock.advance(seconds=42)
        assert view(client, candidate.token, {"position": 2}).status_code == 200
        clock.advance(seconds=8)
        answers = {questions[0]["uuid"]: 1, questions[1]["uuid"]: 0}
        assert client.post(f"{SESSION}/{candidate.token}/submit/", json={"answers": answers}).status_code == 200
        response = client.get(f"/api/panel/get/{panel.id}/answers.csv", headers=auth_headers_hr)
        assert response.headers["content-disposition"] == f'attachment; filename="panel-{panel.id}-answers.csv"'
        rows = rows_of(response)
        assert [(r["position"], r["question_uuid"], r["seconds_spent"]) for r in rows] == [
            ("1", questions[0]["uuid"], "42"),
            ("2", questions[1]["uuid"], "8"),
            ("3", questions[2]["uuid"], ""),
        ]
        first, second, third = rows
        assert (first["answer"], first["correct"]) == (questions[0]["options"][1], "no")  # the bank's option 1 is wrong
        assert (second["answer"], second["correct"]) == (questions[1]["options"][0], "yes")
        assert (third["answer"], third["correct"], third["first_shown_at"]) == ("", "no", "")
        assert first["first_shown_at"] != "" and first["candidate_name"] == "Ada"

    @pytest.mark.parametrize(
        ("body", "errors"),
        [
            ({}, {"position": ["This field is required."]}),
            ({"position": 0}, {"position": ["Ensure this value is greater than or equal to 1."]}),
            ({"position": "two"}, {"position": ["A valid integer is required."]}),
            ({"position": 1, "extra": 1}, {"extra": ["Unknown field."]}),
            ({"position": 9}, {"position": ["Must be the position of a question, from 1 to 3."]}),
        ],
    )
    def test_bad_bodies_are_refused_and_change_nothing(self, client, db, org, bank, body, errors):
        _, (candidate,) = create_panel(db, org, bank, candidates=[create_cv(db, org)])
        open_session(client, candidate.token)
        before = row_counts(db), db.exec(select(Answer.first_shown_at, Answer.seconds_spent)).all()
        response = view(client, candidate.token, body)
        assert response.status_code == 400
        assert response.json() == {"success": False, "message": "Invalid data provided", "errors": errors}
        db.expire_all()
        assert (row_counts(db), db.exec(select(Answer.first_shown_at, Answer.seconds_spent)).all()) == before
        assert db.get(PanelCandidate, candidate.id).viewing_position is None

    def test_after_submitting_the_viewing_is_refused(self, client, db, org, bank):
        _, (candidate,) = create_panel(db, org, bank, candidates=[create_cv(db, org)])
        open_session(client, candidate.token)
        client.post(f"{SESSION}/{candidate.token}/submit/", json={"answers": {}})
        response = view(client, candidate.token, {"position": 1})
        assert response.status_code == 409
        assert response.json()["errors"] == {"non_field_errors": ["Answers cannot be changed after submitting."]}

    def test_an_unknown_token_is_not_found(self, client):
        assert view(client, "no-such-token", {"position": 1}).status_code == 404


class TestAnswersCsv:
    def test_interviewers_and_other_organizations_are_refused(self, client, db, org, bank, auth_headers_outsider):
        panel, _ = create_panel(db, org, bank)
        url = f"/api/panel/get/{panel.id}/answers.csv"
        ivy = client.get(url, headers=auth_header(create_user(db, org, role="interviewer")))
        assert (ivy.status_code, ivy.json()) == (
            403,
            {
                "success": False,
                "message": "You do not have permission to perform this action.",
                "errors": {"non_field_errors": ["Only admin or HR users can view interview panels."]},
            },
        )
        foreign = client.get(url, headers=auth_headers_outsider)
        assert (foreign.status_code, foreign.json()["message"]) == (404, "Interview panel not found")

    def test_a_fixed_number_of_statements(self, client, db, org, bank, auth_headers_hr, clock):
        panel, candidates = create_panel(db, org, bank, candidates=[create_cv(db, org) for _ in range(8)])
        open_session(client, candidates[0].token)
        with QueryCounter() as one:
            client.get(f"/api/panel/get/{panel.id}/answers.csv", headers=auth_headers_hr)
        for candidate in candidates[1:]:
            open_session(client, candidate.token)
        clock.advance(minutes=1)
        with QueryCounter() as eight:
            response = client.get(f"/api/panel/get/{panel.id}/answers.csv", headers=auth_headers_hr)
        assert len(rows_of(response)) == 24
        assert eight.count == one.count


def test_the_deadline_caps_an_open_interval(client, db, org, bank, clock):
    _, (candidate,) = create_panel(
        db, org, bank, candidates=[create_cv(db, org)], time_limit_minutes=10, start=clock.now - timedelta(hours=1)
    )
    client.post(f"{SESSION}/{candidate.token}/start/")
    view(client, candidate.token, {"position": 3})
    clock.advance(minutes=25)
    assert client.get(f"{SESSION}/{candidate.token}/").json()["data"]["status"] == "timed_out"
    db.expire_all()
    seconds = db.exec(
        select(Answer.seconds_spent).where(Answer.panel_candidate_id == candidate.id).order_by(Answer.position)
    )
    assert list(seconds) == [None, None, 600]
