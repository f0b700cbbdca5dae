"""The candidate's clock through the API (issue 19, beyond the spec): time_limit_minutes on create and update,
POST /api/panel/session/<token>/start/, the session object's clock fields, and the refusals after the deadline."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from hr_app.models import Answer, InterviewPanel, PanelCandidate
from tests.clock import Clock
from tests.factories import create_cv, row_counts
from tests.question_factories import create_bank, create_panel, panel_payload

INVALID = "Invalid data provided"


def url(token: str, action: str = "") -> str:
    return f"/api/panel/session/{token}/" + (f"{action}/" if action else "")


def stamp(moment) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture
def clock(monkeypatch) -> Clock:
    return Clock(monkeypatch)


@pytest.fixture
def bank(db, org):
    return create_bank(db, org, easy=4, medium=4, hard=4)


@pytest.fixture
def timed(db, org, bank, clock):
    panel, [candidate] = create_panel(
        db,
        org,
        bank,
        candidates=[create_cv(db, org, name="John Doe")],
        start=clock.now - timedelta(hours=1),
        end=clock.now + timedelta(hours=8),
        time_limit_minutes=20,
    )
    return panel, candidate


class TestTimeLimitOnPanels:
    def test_create_stores_the_limit_and_keeps_the_spec_shape(self, client, db, bank, auth_headers_hr):
        response = client.post(
            "/api/panel/create/", headers=auth_headers_hr, json=panel_payload(bank, time_limit_minutes=45)
        )
        assert response.status_code == 201, response.text
        assert "time_limit_minutes" not in response.json()["data"]  # the spec's panel object stays exact
        assert db.exec(select(InterviewPanel)).one().time_limit_minutes == 45

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            (0, "Ensure this value is greater than or equal to 1."),
            (1441, "Ensure this value is less than or equal to 1440."),
            (True, "A valid integer is required."),
            ("ten", "A valid integer is required."),
        ],
    )
    def test_create_refuses_a_bad_limit_and_writes_nothing(self, client, db, bank, auth_headers_hr, value, message):
        before = row_counts(db)
        response = client.post(
            "/api/panel/create/", headers=auth_headers_hr, json=panel_payload(bank, time_limit_minutes=value)
        )
        assert (response.status_code, response.json()) == (
            400,
            {"success": False, "message": INVALID, "errors": {"time_limit_minutes": [message]}},
        )
        assert row_counts(db) == before

    def test_update_sets_and_clears_the_limit(self, client, db, org, bank, auth_headers_hr):
        panel, _ = create_panel(db, org, bank)
        path = f"/api/panel/update/{panel.id}/"
        assert client.put(path, headers=auth_headers_hr, json={"time_limit_minutes": 15}).status_code == 200
        db.expire_all()
        assert db.get(InterviewPanel, panel.id).time_limit_minutes == 15
        before = row_counts(db)
        refused = client.put(path, headers=auth_headers_hr, json={"time_limit_minutes": -1})
        assert refused.status_code == 400
        assert refused.json()["errors"] == {"time_limit_minutes": ["Ensure this value is greater than or equal to 1."]}
        assert row_counts(db) == before
        assert client.put(path, headers=auth_headers_hr, json={"time_limit_minutes": None}).status_code == 200
        db.expire_all()
        assert db.get(InterviewPanel, panel.id).time_limit_minutes is None


class TestStartAndTheClock:
    def test_before_start_the_session_shows_the_rules_and_no_questions(self, client, db, timed):
        _, candidate = timed
        data = client.get(url(candidate.token)).json()["data"]
        assert {
            k: data[k] for k in ("state", "status", "questions", "time_limit_minutes", "started_at", "deadline")
        } == {
            "state": "not_open",
            "status": "not_started",
            "questions": [],
            "time_limit_minutes": 20,
            "started_at": None,
            "deadline": None,
        }
        assert data["total_number_of_questions"] == 3
        assert db.exec(select(Answer)).all() == []

    def test_start_draws_the_set_and_starts_the_clock(self, client, timed, clock):
        _, candidate = timed
        response = client.post(url(candidate.token, "start"))
        assert response.status_code == 200, response.text
        body = response.json()
        assert (body["success"], body["message"]) == (True, "Session started successfully")
        data = body["data"]
        assert (data["state"], data["status"], data["started_at"], data["deadline"]) == (
            "open",
            "in_progress",
            stamp(clock.now),
            stamp(clock.now + timedelta(minutes=20)),
        )
        assert len(data["questions"]) == 3
        clock.advance(minutes=3)
        again = client.post(url(candidate.token, "start")).json()["data"]
        assert again["deadline"] == data["deadline"] and again["questions"] == data["questions"]

    def test_answers_before_start_are_400_and_change_nothing(self, client, db, timed):
        _, candidate = timed
        before = row_counts(db)
        for method, action in (("put", "answers"), ("post", "submit")):
            response = getattr(client, method)(url(candidate.token, action), json={"answers": {}})
            assert (response.status_code, response.json()) == (
                400,
                {
                    "success": False,
                    "message": "The session has not been started",
                    "errors": {"non_field_errors": ["Press Start (POST start/) before answering."]},
                },
            )
        assert row_counts(db) == before

    def test_after_the_grace_saves_and_submits_are_refused_and_change_nothing(self, client, db, timed, clock):
        _, candidate = timed
        questions = client.post(url(candidate.token, "start")).json()["data"]["questions"]
        first, second = questions[0]["uuid"], questions[1]["uuid"]
        deadline = clock.now + timedelta(minutes=20)
        clock.advance(minutes=20, seconds=5)  # inside the grace: taken
        saved = client.put(url(candidate.token, "answers"), json={"answers": {first: 0}})
        assert saved.status_code == 200, saved.text
        clock.advance(seconds=6)
        before = row_counts(db)
        time_up = {
            "success": False,
            "message": "The time is up",
            "errors": {"non_field_errors": [f"The time for this session ended at {stamp(deadline)}."]},
        }
        for method, action in (("put", "answers"), ("post", "submit")):
            response = getattr(client, method)(url(candidate.token, action), json={"answers": {second: 1}})
            assert (response.status_code, response.json()) == (400, time_up)
        assert row_counts(db) == before
        db.expire_all()
        stored = db.exec(select(PanelCandidate)).one()
        assert stored.submitted_at is None
        assert {
            str(a.question_id): a.selected_option for a in db.exec(select(Answer)) if a.selected_option is not None
        } == {first: 0}

    def test_the_session_then_shows_timed_out_with_its_score(self, client, db, timed, clock):
        _, candidate = timed
        client.post(url(candidate.token, "start"))
        deadline = clock.now + timedelta(minutes=20)
        clock.advance(minutes=21)
        data = client.get(url(candidate.token)).json()["data"]
        assert (data["state"], data["status"], data["deadline"]) == ("submitted", "timed_out", stamp(deadline))
        assert data["result"] == {
            "show_scores": True,
            "score": 0,
            "total": 3,
            "breakdown": {
                "easy": {"correct": 0, "total": 1},
                "medium": {"correct": 0, "total": 1},
                "hard": {"correct": 0, "total": 1},
            },
            "submitted_at": stamp(deadline),
        }

    def test_start_of_an_unknown_or_ended_session(self, client, db, org, bank, clock):
        assert client.post(url("0" * 32, "start")).status_code == 404
        _, [candidate] = create_panel(
            db,
            org,
            bank,
            candidates=[create_cv(db, org)],
            start=clock.now - timedelta(hours=2),
            end=clock.now - timedelta(hours=1),
            time_limit_minutes=5,
        )
        response = client.post(url(candidate.token, "start"))
        assert response.status_code == 410
        assert response.json()["message"] == "This session link is no longer valid"

    def test_an_untimed_session_reports_the_panels_end_as_its_deadline(self, client, db, org, bank):
        panel, [candidate] = create_panel(db, org, bank, candidates=[create_cv(db, org)])
        data = client.post(url(candidate.token, "start")).json()["data"]
        assert (data["status"], data["time_limit_minutes"], data["deadline"]) == (
            "in_progress",
            None,
            stamp(panel.end_datetime),
        )


def test_hr_results_tell_a_time_out_apart_with_the_deadline(client, db, timed, clock, auth_headers_hr):
    panel, candidate = timed
    client.post(url(candidate.token, "start"))
    deadline = clock.now + timedelta(minutes=20)
    clock.advance(minutes=21)
    client.get(url(candidate.token))  # closed by the clock
    [row] = client.get(f"/api/panel/results/{panel.id}/", headers=auth_headers_hr).json()["data"]["candidates"]
    assert (row["state"], row["status"], row["deadline"], row["submitted_at"]) == (
        "submitted",
        "timed_out",
        stamp(deadline),
        stamp(deadline),
    )
