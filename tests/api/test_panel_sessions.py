"""The candidate session API: /api/panel/session/<token>/ (+ answers/, submit/)."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import timedelta

import pytest
from sqlmodel import select

from hr_app.kit.time import utcnow
from hr_app.models import Answer, InterviewPanel, PanelCandidate, Question
from hr_app.services import events
from tests.factories import create_cv, row_counts
from tests.question_factories import create_bank, create_panel, create_questions, create_subtopic

GONE = {
    "success": False,
    "message": "This session link is no longer valid",
    "errors": {"non_field_errors": ["The interview panel has ended or was withdrawn."]},
}
NOT_FOUND = {
    "success": False,
    "message": "Session not found",
    "errors": {"non_field_errors": ["This session link is not valid."]},
}


def url(token: str, action: str = "") -> str:
    return f"/api/panel/session/{token}/" + (f"{action}/" if action else "")


@pytest.fixture
def bank(db, org):
    return create_bank(db, org, topic_name="Data Structures", subtopic_name="Lists", easy=4, medium=4, hard=4)


@pytest.fixture
def cv(db, org):
    return create_cv(db, org, name="John Doe")


@pytest.fixture
def token(db, org, bank, cv) -> str:
    _, [candidate] = create_panel(db, org, bank, candidates=[cv], easy=2, medium=1, hard=1)
    return candidate.token


def _correct(db, question_uuid: str) -> int:
    return db.get(Question, uuid.UUID(question_uuid)).correct_option


def _open(client, token: str) -> list[dict]:
    response = client.get(url(token))
    assert response.status_code == 200, response.text
    return response.json()["data"]["questions"]


def _set_window(db, token: str, *, start=None, end=None, **fields) -> None:
    candidate = db.exec(select(PanelCandidate).where(PanelCandidate.token == token)).one()
    panel = db.get(InterviewPanel, candidate.panel_id)
    if start is not None:
        panel.start_datetime = start
    if end is not None:
        panel.end_datetime = end
        candidate.token_expires_at = end
    for name, value in fields.items():
        setattr(panel, name, value)
    db.commit()


class TestOpen:
    def test_first_open_draws_the_distribution(self, client, db, token):
        response = client.get(url(token))
        assert response.status_code == 200
        body = response.json()
        assert body["message"] == "Session retrieved successfully"
        data = body["data"]
        assert data["state"] == "open"
        assert data["candidate_name"] == "John Doe"
        assert data["total_number_of_questions"] == 4
        assert data["answers"] == {} and data["answered"] == 0 and data["result"] is None
        questions = data["questions"]
        assert [q["position"] for q in questions] == [1, 2, 3, 4]
        assert [q["difficulty"] for q in questions] == ["easy", "easy", "medium", "hard"]
        assert all(set(q) == {"uuid", "position", "text", "difficulty", "options"} for q in questions)
        assert len({q["uuid"] for q in questions}) == 4
        assert db.exec(select(PanelCandidate)).one().opened_at is not None

    def test_the_set_is_frozen(self, client, db, token):
        first = _open(client, token)
        assert _open(client, token) == first
        assert len(db.exec(select(Answer)).all()) == 4

    def test_an_edit_of_a_drawn_question_does_not_change_the_set(self, client, db, token, auth_headers_hr):
        first = _open(client, token)
        drawn = first[0]["uuid"]
        response = client.patch(
            f"/api/question-bank/questions/{drawn}/", json={"text": "Rewritten"}, headers=auth_headers_hr
        )
        assert response.status_code == 200
        assert response.json()["data"]["uuid"] != drawn
        assert _open(client, token) == first

    def test_the_draw_matches_several_rows_exactly(self, client, db, org, cv):
        bank = create_bank(db, org, easy=5, medium=5, hard=5)
        other = create_subtopic(db, bank.topic)
        create_questions(db, other, easy=3, medium=3, hard=3)
        panel, [candidate] = create_panel(db, org, bank, candidates=[cv], easy=3, medium=0, hard=2)
        from hr_app.models import QuestionDistribution

        db.add(
            QuestionDistribution(panel_id=panel.id, topic_id=bank.topic.id, subtopic_id=other.id, position=1, medium=2)
        )
        panel.total_number_of_questions = 7
        db.commit()
        questions = _open(client, candidate.token)
        stored = {q.id: q for q in db.exec(select(Question)).all()}
        drawn = Counter((stored[uuid.UUID(q["uuid"])].subtopic_id, q["difficulty"]) for q in questions)
        assert drawn == {(bank.subtopic.id, "easy"): 3, (bank.subtopic.id, "hard"): 2, (other.id, "medium"): 2}
        assert [q["difficulty"] for q in questions] == ["easy"] * 3 + ["hard"] * 2 + ["medium"] * 2

    def test_archived_questions_are_never_drawn(self, client, db, org, cv):
        bank = create_bank(db, org, easy=2, medium=0, hard=0)
        for question in db.exec(select(Question)).all()[:1]:
            question.is_archived = True
        fresh = create_questions(db, bank.subtopic, easy=1)
        db.commit()
        _, [candidate] = create_panel(db, org, bank, candidates=[cv], easy=2, medium=0, hard=0)
        archived = {q.id for q in db.exec(select(Question).where(Question.is_archived)).all()}
        drawn = {uuid.UUID(q["uuid"]) for q in _open(client, candidate.token)}
        assert len(drawn) == 2 and not drawn & archived and fresh[0].id in drawn

    def test_before_the_start_the_session_is_not_open(self, client, db, token):
        start = utcnow() + timedelta(hours=1)
        _set_window(db, token, start=start)
        before = row_counts(db)
        data = client.get(url(token)).json()["data"]
        assert data["state"] == "not_open" and data["questions"] == []
        assert data["start_datetime"] == start.strftime("%Y-%m-%dT%H:%M:%SZ")
        assert row_counts(db) == before
        assert db.exec(select(PanelCandidate)).one().opened_at is None

    def test_without_trailing_slash(self, client, token):
        assert client.get(url(token).rstrip("/")).status_code == 200


class TestTokenPaths:
    @pytest.mark.parametrize("action", ["", "answers", "submit"])
    def test_early(self, client, db, token, action):
        _set_window(db, token, start=utcnow() + timedelta(minutes=5))
        if not action:
            return  # reading early is allowed (state not_open), covered above
        before = row_counts(db)
        method = client.put if action == "answers" else client.post
        response = method(url(token, action), json={"answers": {}})
        assert response.status_code == 403
        assert response.json()["message"] == "This interview panel has not started yet"
        assert row_counts(db) == before

    @pytest.mark.parametrize("action", ["", "answers", "submit"])
    @pytest.mark.parametrize("case", ["expired", "deleted"])
    def test_expired_and_deleted_are_gone(self, client, db, token, action, case):
        if case == "expired":
            _set_window(db, token, start=utcnow() - timedelta(hours=2), end=utcnow() - timedelta(seconds=1))
        else:
            _set_window(db, token, is_deleted=True)
        before = row_counts(db)
        if action == "answers":
            response = client.put(url(token, action), json={"answers": {}})
        elif action == "submit":
            response = client.post(url(token, action), json={"answers": {}})
        else:
            response = client.get(url(token))
        assert response.status_code == 410
        assert response.json() == GONE
        assert row_counts(db) == before

    @pytest.mark.parametrize("bad", ["0" * 32, "abc123def456ghi789jkl012mno345pq", "not a token!", "x" * 200])
    def test_unknown_tokens_get_one_identical_answer(self, client, db, token, bad):
        before = row_counts(db)
        for response in (client.get(url(bad)), client.post(url(bad, "submit"), json={})):
            assert response.status_code == 404
            assert response.json() == NOT_FOUND
        assert row_counts(db) == before

    def test_a_token_whose_row_is_gone_looks_unknown(self, client, db, token, cv):
        db.delete(db.get(type(cv), cv.id))  # the CV (and so its panel candidate) is removed
        db.commit()
        assert client.get(url(token)).json() == NOT_FOUND

    def test_failed_lookups_are_rate_limited_per_address(self, client, token):
        for _ in range(20):
            assert client.get(url("f" * 32)).status_code == 404
        response = client.get(url("f" * 32))
        assert response.status_code == 429
        assert 1 <= int(response.headers["retry-after"]) <= 60
        assert response.json() == {
            "success": False,
            "message": "Too many attempts. Try again later.",
            "errors": {"non_field_errors": ["Too many attempts. Try again later."]},
        }
        # a valid token always opens, even from a blocked address (an exam room behind one NAT; issue 15)
        assert client.get(url(token)).status_code == 200

    def test_valid_lookups_do_not_count(self, client, token):
        for _ in range(25):
            assert client.get(url(token)).status_code == 200


class TestAnswers:
    def test_autosave_is_idempotent_and_resumable(self, client, db, token):
        questions = _open(client, token)
        first, second = questions[0]["uuid"], questions[1]["uuid"]
        payload = {"answers": {first: 1, second: 0}}
        response = client.put(url(token, "answers"), json=payload)
        assert response.status_code == 200, response.text
        assert response.json() == {
            "success": True,
            "message": "Answers saved successfully",
            "data": {"answers": {first: 1, second: 0}, "answered": 2, "total": 4},
        }
        stamps = sorted(str(a.answered_at) for a in db.exec(select(Answer)).all())
        assert client.put(url(token, "answers"), json=payload).json()["data"]["answered"] == 2
        db.expire_all()
        assert sorted(str(a.answered_at) for a in db.exec(select(Answer)).all()) == stamps
        resumed = client.get(url(token)).json()["data"]
        assert resumed["answers"] == {first: 1, second: 0} and resumed["answered"] == 2

    def test_null_clears_and_others_stay(self, client, token):
        questions = _open(client, token)
        first, second = questions[0]["uuid"], questions[1]["uuid"]
        client.put(url(token, "answers"), json={"answers": {first: 1, second: 0}})
        data = client.put(url(token, "answers"), json={"answers": {first: None}}).json()["data"]
        assert data["answers"] == {second: 0}

    def test_unknown_question_and_out_of_range_option(self, client, db, token):
        questions = _open(client, token)
        stranger = str(uuid.uuid4())
        before = row_counts(db)
        response = client.put(url(token, "answers"), json={"answers": {questions[0]["uuid"]: 4, stranger: 0}})
        assert response.status_code == 400
        assert response.json() == {
            "success": False,
            "message": "Invalid data provided",
            "errors": {
                f"answers.{questions[0]['uuid']}": ["Must be the index of an option, from 0 to 3."],
                f"answers.{stranger}": ["This question is not part of your session."],
            },
        }
        assert row_counts(db) == before
        assert all(a.selected_option is None for a in db.exec(select(Answer)).all())

    def test_malformed_body(self, client, token):
        response = client.put(url(token, "answers"), json={"answers": {"x": "y"}})
        assert response.status_code == 400


class TestSubmit:
    def test_scores_and_breaks_down_by_difficulty(self, client, db, token):
        questions = _open(client, token)
        right = {q["uuid"]: _correct(db, q["uuid"]) for q in questions}
        easy_wrong = questions[0]["uuid"]
        answers = {**right, easy_wrong: (right[easy_wrong] + 1) % 4}
        del answers[questions[3]["uuid"]]  # the hard one left unanswered
        response = client.post(url(token, "submit"), json={"answers": answers})
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["message"] == "Answers submitted successfully"
        data = body["data"]
        assert data["score"] == 2 and data["total"] == 4 and data["show_scores"] is True
        assert data["breakdown"] == {
            "easy": {"correct": 1, "total": 2},
            "medium": {"correct": 1, "total": 1},
            "hard": {"correct": 0, "total": 1},
        }
        candidate = db.exec(select(PanelCandidate)).one()
        assert candidate.score == 2 and candidate.submitted_at is not None
        graded = {str(a.question_id): a.is_correct for a in db.exec(select(Answer)).all()}
        assert graded[easy_wrong] is False and graded[questions[3]["uuid"]] is False

    def test_submit_counts_autosaved_answers(self, client, db, token):
        questions = _open(client, token)
        first = questions[0]["uuid"]
        client.put(url(token, "answers"), json={"answers": {first: _correct(db, first)}})
        assert client.post(url(token, "submit"), json={}).json()["data"]["score"] == 1

    def test_submit_without_body_opens_and_scores_zero(self, client, token):
        response = client.post(url(token, "submit"))
        assert response.status_code == 200
        assert response.json()["data"]["score"] == 0

    def test_the_score_shows_on_the_panel(self, client, db, token, auth_headers_hr):
        questions = _open(client, token)
        client.post(url(token, "submit"), json={"answers": {q["uuid"]: _correct(db, q["uuid"]) for q in questions}})
        panel = client.get("/api/panel/get/", headers=auth_headers_hr).json()["data"]["interview_panels"][0]
        assert panel["candidates"][0]["score"] == 4

    def test_second_submit_and_late_answers_are_409(self, client, db, token):
        _open(client, token)
        assert client.post(url(token, "submit"), json={}).status_code == 200
        before = row_counts(db)
        for response in (client.post(url(token, "submit"), json={}), client.put(url(token, "answers"), json={})):
            assert response.status_code == 409
            assert response.json() == {
                "success": False,
                "message": "This session has already been submitted",
                "errors": {"non_field_errors": ["Answers cannot be changed after submitting."]},
            }
        assert row_counts(db) == before

    def test_after_submit_the_session_shows_the_result(self, client, db, token):
        _open(client, token)
        client.post(url(token, "submit"), json={})
        data = client.get(url(token)).json()["data"]
        assert data["state"] == "submitted"
        assert data["result"]["score"] == 0 and data["result"]["total"] == 4

    def test_hidden_scores(self, client, db, token, auth_headers_hr):
        _set_window(db, token, show_scores=False)
        questions = _open(client, token)
        first = questions[0]["uuid"]
        data = client.post(url(token, "submit"), json={"answers": {first: _correct(db, first)}}).json()["data"]
        assert data["show_scores"] is False
        assert data["score"] is None and data["breakdown"] is None and data["total"] == 4
        assert client.get(url(token)).json()["data"]["result"]["score"] is None
        panel = client.get("/api/panel/get/", headers=auth_headers_hr).json()["data"]["interview_panels"][0]
        assert panel["candidates"][0]["score"] == 1


class TestTimeRunsOut:
    def test_saved_answers_are_scored_when_the_panel_ends(self, client, db, token, auth_headers_hr):
        questions = _open(client, token)
        first = questions[0]["uuid"]
        client.put(url(token, "answers"), json={"answers": {first: _correct(db, first)}})
        end = utcnow() - timedelta(seconds=1)
        _set_window(db, token, end=end)
        panel = client.get("/api/panel/get/", headers=auth_headers_hr).json()["data"]["interview_panels"][0]
        assert panel["is_active"] is False
        assert panel["candidates"][0]["score"] == 1
        db.expire_all()
        candidate = db.exec(select(PanelCandidate)).one()
        assert candidate.submitted_at == end
        results = client.get(f"/api/panel/results/{candidate.panel_id}/", headers=auth_headers_hr).json()["data"]
        assert results["candidates"][0]["state"] == "submitted"
        assert client.get(url(token)).status_code == 410


class TestEvents:
    def test_progress_is_published_for_hr(self, client, db, org, token):
        received: list[events.ChangeEvent] = []
        unsubscribe = events.subscribe(received.extend)
        try:
            questions = _open(client, token)
            client.put(url(token, "answers"), json={"answers": {questions[0]["uuid"]: 0}})
            client.post(url(token, "submit"), json={})
        finally:
            unsubscribe()
        assert received == [events.ChangeEvent(str(org.id), events.Topic.PANELS)] * 3
