"""Item analysis: GET /api/question-bank/questions/{uuid}/stats/ and /statistics.csv, against a hand computation.

The seeded set: 30 submitted sessions, each with the question under study and ten others. The rest-of-test
scores are chosen so that the bottom and top 27 % (8 sessions each) have no tie at their edge:

    rest correct (of 10): bottom 8: 0 0 1 1 2 2 3 3, middle 14: 4 x5, 5 x4, 6 x5, top 8: 7 7 8 8 9 9 10 10
    the item right:       bottom: 2 of 8 (the 3s), middle: 7 of 14 (the 4s and two 5s), top: 6 of 8 (not the 7s)

so facility = 15/30 = 0.5 and the upper-lower index = 6/8 - 2/8 = 0.5. Wrong answers: the bottom's six pick
option 2 (index 1), the middle's seven: four pick option 3 (index 2) and three leave it unanswered, the top's two
pick option 3. Pick rates: 15/30, 6/30, 6/30, 0/30; unanswered 3/30. Option 4 is never picked; option 3 is picked
by 2 of the top 8 and none of the bottom 8, so the strong candidates favour it.
"""

from __future__ import annotations

import statistics
import uuid
from datetime import timedelta
from decimal import Decimal

import pytest

from hr_app.kit.time import utcnow
from hr_app.models import Answer
from hr_app.services import item_analysis
from hr_app.services.exports import ITEM_STATISTICS_HEADER
from tests.factories import QueryCounter, create_cv, row_counts
from tests.question_factories import create_bank, create_panel, create_question

BASE = "/api/question-bank"
REST = [0, 0, 1, 1, 2, 2, 3, 3] + [4] * 5 + [5] * 4 + [6] * 5 + [7, 7, 8, 8, 9, 9, 10, 10]
ITEM_RIGHT = [False] * 6 + [True] * 2 + [True] * 7 + [False] * 7 + [False] * 2 + [True] * 6
# The choice when wrong, in session order: the bottom's six, then the middle's seven, then the top's two.
WRONG_CHOICES = [1] * 6 + [2, 2, 2, 2, None, None, None] + [2, 2]
FORBIDDEN = {
    "success": False,
    "message": "You do not have permission to perform this action.",
    "errors": {"non_field_errors": ["Only admin or HR users can see item statistics."]},
}


def seed_attempts(db, org, sessions: int = 30, *, submitted: bool = True):
    """The study question and ten others, answered by `sessions` candidates as the module docstring says."""
    bank = create_bank(db, org, easy=0, medium=0, hard=0)
    item = create_question(
        db, bank.subtopic, text="Which keyword defines a function?", options=("def", "fun", "fn", "lambda")
    )
    others = [create_question(db, bank.subtopic, text=f"Other question {n}") for n in range(10)]
    cvs = [create_cv(db, org) for _ in range(sessions)]
    _, candidates = create_panel(db, org, bank, candidates=cvs)
    wrong = iter(WRONG_CHOICES)
    for candidate, rest, right in zip(candidates, REST, ITEM_RIGHT, strict=False):
        choice = 0 if right else next(wrong)
        db.add(
            Answer(
                panel_candidate_id=candidate.id,
                question_id=item.id,
                position=0,
                selected_option=choice,
                is_correct=right,
            )
        )
        for position, other in enumerate(others, start=1):
            correct = position <= rest
            db.add(
                Answer(
                    panel_candidate_id=candidate.id,
                    question_id=other.id,
                    position=position,
                    selected_option=0 if correct else 1,
                    is_correct=correct,
                )
            )
        candidate.score = rest + int(right)
        candidate.points = Decimal(candidate.score)  # grading sets both; the figures read the points (decision 120)
        candidate.opened_at = utcnow() - timedelta(minutes=30)
        candidate.submitted_at = utcnow() if submitted else None
        db.add(candidate)
    db.commit()
    return item, others, candidates


def _stats(client, headers, question_id):
    response = client.get(f"{BASE}/questions/{question_id}/stats/", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


class TestOneQuestion:
    def test_figures_match_the_hand_computation(self, client, db, org, auth_headers_hr):
        item, _, _ = seed_attempts(db, org)
        expected_r = statistics.correlation([float(right) for right in ITEM_RIGHT], [rest / 10 for rest in REST])
        body = _stats(client, auth_headers_hr, item.id)
        assert body["message"] == "Question statistics retrieved successfully"
        data = body["data"]
        assert data["point_biserial"] == pytest.approx(expected_r, abs=5e-5)
        assert 0.1 < expected_r < 0.9  # the item discriminates, as the data were built to
        assert data == {
            "question_uuid": str(item.id),
            "attempts": 30,
            "facility": 0.5,
            "point_biserial": data["point_biserial"],
            "upper_lower_index": 0.5,
            "mean_seconds": None,
            "unanswered_rate": 0.1,
            "options": [
                {
                    "index": 0,
                    "text": "def",
                    "correct": True,
                    "pick_rate": 0.5,
                    "upper_pick_rate": 0.75,
                    "lower_pick_rate": 0.25,
                    "flags": [],
                },
                {
                    "index": 1,
                    "text": "fun",
                    "correct": False,
                    "pick_rate": 0.2,
                    "upper_pick_rate": 0.0,
                    "lower_pick_rate": 0.75,
                    "flags": [],
                },
                {
                    "index": 2,
                    "text": "fn",
                    "correct": False,
                    "pick_rate": 0.2,
                    "upper_pick_rate": 0.25,
                    "lower_pick_rate": 0.0,
                    "flags": ["favoured_by_strong_candidates"],
                },
                {
                    "index": 3,
                    "text": "lambda",
                    "correct": False,
                    "pick_rate": 0.0,
                    "upper_pick_rate": 0.0,
                    "lower_pick_rate": 0.0,
                    "flags": ["never_picked"],
                },
            ],
            "flags": [],
        }

    def test_below_thirty_attempts_the_figures_are_null_and_flags_say_why(self, client, db, org, auth_headers_admin):
        item, _, _ = seed_attempts(db, org, sessions=29)
        data = _stats(client, auth_headers_admin, item.id)["data"]
        assert data["attempts"] == 29
        assert [data[key] for key in ("facility", "point_biserial", "upper_lower_index", "unanswered_rate")] == [
            None
        ] * 4
        assert data["flags"] == ["fewer_than_30_attempts"]
        assert {option["pick_rate"] for option in data["options"]} == {None}

    def test_an_archived_version_keeps_its_figures(self, client, db, org, auth_headers_hr):
        item, _, _ = seed_attempts(db, org)
        edited = client.patch(f"{BASE}/questions/{item.id}/", json={"text": "Which keyword?"}, headers=auth_headers_hr)
        assert edited.json()["data"]["uuid"] != str(item.id)  # drawn, so the edit made a new version
        assert client.get(f"{BASE}/questions/{item.id}/", headers=auth_headers_hr).status_code == 404
        assert _stats(client, auth_headers_hr, item.id)["data"]["attempts"] == 30
        assert _stats(client, auth_headers_hr, edited.json()["data"]["uuid"])["data"]["attempts"] == 0

    def test_sessions_not_submitted_do_not_count(self, client, db, org, auth_headers_hr):
        item, _, _ = seed_attempts(db, org, submitted=False)
        data = _stats(client, auth_headers_hr, item.id)["data"]
        assert (data["attempts"], data["flags"]) == (0, ["fewer_than_30_attempts"])

    def test_an_item_everyone_answers_right_is_too_easy_and_has_no_variance(self, db, org):
        item, _, _ = seed_attempts(db, org)
        attempts = [
            item_analysis.Attempt(uuid.uuid4(), 0, True, session_score=5, session_questions=11) for _ in range(40)
        ]
        stats = item_analysis.item_statistics(item, attempts)
        assert (stats.facility, stats.point_biserial, stats.flags) == (1.0, None, ["too_easy", "no_variance"])

    def test_a_question_the_weak_get_right_discriminates_negatively(self, db, org):
        item, _, _ = seed_attempts(db, org, sessions=0)
        attempts = [
            item_analysis.Attempt(
                uuid.uuid4(), 0 if rest < 5 else 1, rest < 5, session_score=rest + (rest < 5), session_questions=11
            )
            for rest in REST
        ]
        stats = item_analysis.item_statistics(item, attempts)
        assert stats.point_biserial is not None and stats.point_biserial < 0
        assert stats.upper_lower_index == -1.0
        assert "negative_discrimination" in stats.flags


class TestRefusals:
    def test_an_interviewer_may_not_see_statistics(self, client, db, org, auth_headers_interviewer):
        item, _, _ = seed_attempts(db, org, sessions=0)
        response = client.get(f"{BASE}/questions/{item.id}/stats/", headers=auth_headers_interviewer)
        assert (response.status_code, response.json()) == (403, FORBIDDEN)
        response = client.get(f"{BASE}/statistics.csv", headers=auth_headers_interviewer)
        assert (response.status_code, response.json()) == (403, FORBIDDEN)

    def test_another_organizations_question_is_not_found(self, client, db, org, other_org, auth_headers_hr):
        foreign, _, _ = seed_attempts(db, other_org, sessions=0)
        before = row_counts(db)
        response = client.get(f"{BASE}/questions/{foreign.id}/stats/", headers=auth_headers_hr)
        assert (response.status_code, response.json()) == (
            404,
            {
                "success": False,
                "message": "Question not found",
                "errors": {"non_field_errors": [f"No question with uuid {foreign.id}."]},
            },
        )
        assert row_counts(db) == before

    def test_no_token(self, client, db, org):
        item, _, _ = seed_attempts(db, org, sessions=0)
        assert client.get(f"{BASE}/questions/{item.id}/stats/").status_code == 401


class TestBankCsv:
    def test_one_row_per_question_version_with_its_figures(self, client, db, org, auth_headers_hr):
        item, _, _ = seed_attempts(db, org)
        response = client.get(f"{BASE}/statistics.csv", headers=auth_headers_hr)
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/csv; charset=utf-8"
        assert response.headers["content-disposition"] == 'attachment; filename="question-statistics.csv"'
        assert response.headers["cache-control"] == "private, no-store"
        lines = response.text.removeprefix("\ufeff").split("\r\n")
        assert lines[0] == ",".join(ITEM_STATISTICS_HEADER)
        row = next(line for line in lines if line.startswith(str(item.id)))
        assert row.endswith(
            ",Which keyword defines a function?,easy,1,no,30,0.5,"
            f"{_stats(client, auth_headers_hr, item.id)['data']['point_biserial']},0.5,,0.1,"
            "1: 0.5 (correct); 2: 0.2; 3: 0.2; 4: 0.0,"
        )
        assert len([line for line in lines[1:] if line]) == 11

    def test_statements_do_not_grow_with_the_bank(self, client, db, org, auth_headers_hr):
        seed_attempts(db, org, sessions=3)
        with QueryCounter() as small:
            client.get(f"{BASE}/statistics.csv", headers=auth_headers_hr)
        seed_attempts(db, org, sessions=30)
        with QueryCounter() as large:
            client.get(f"{BASE}/statistics.csv", headers=auth_headers_hr)
        assert large.count == small.count
