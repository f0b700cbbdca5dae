"""Question types (issue 19, decisions 117-118): multiple choice, true/false and free text beside single choice,
through the question bank API and the candidate's session API."""

from __future__ import annotations

import csv
import io
import uuid

import pytest
from sqlmodel import select

from hr_app.models import Answer, PanelCandidate, Question, QuestionType
from tests.factories import create_cv, row_counts
from tests.question_factories import create_bank, create_panel, create_question

BASE = "/api/question-bank"
INVALID = "Invalid data provided"
SHAPE = {
    "uuid",
    "subtopic_uuid",
    "text",
    "difficulty",
    "options",
    "correct_option",
    "explanation",
    "version",
    "previous_version_uuid",
    "created_at",
    "updated_at",
}


@pytest.fixture
def bank(db, org):
    return create_bank(db, org, topic_name="Python", subtopic_name="Basics", easy=0, medium=0, hard=0)


def _body(bank, **overrides):
    body = {"subtopic_uuid": str(bank.subtopic.id), "text": "Which are mutable?", "difficulty": "easy"}
    body.update(overrides)
    return body


def _questions(db) -> list[tuple]:
    db.expire_all()
    return sorted(
        (q.text, q.question_type, q.options, q.correct_option, q.correct_options, q.partial_credit)
        for q in db.exec(select(Question)).all()
    )


class TestCreate:
    def test_a_single_choice_question_keeps_the_first_shape(self, client, db, bank, auth_headers_hr):
        body = _body(bank, options=["list", "tuple"], correct_option=0)
        response = client.post(f"{BASE}/questions/", json=body, headers=auth_headers_hr)
        assert response.status_code == 201, response.text
        data = response.json()["data"]
        assert set(data) == SHAPE
        question = db.get(Question, uuid.UUID(data["uuid"]))
        assert (question.question_type, question.correct_options, question.partial_credit) == (
            QuestionType.SINGLE_CHOICE,
            [0],
            False,
        )
        typed = client.post(f"{BASE}/questions/", json={**body, "type": "single_choice"}, headers=auth_headers_hr)
        assert set(typed.json()["data"]) == SHAPE

    @pytest.mark.parametrize(
        "fields, shown",
        [
            (
                {"type": "multiple_choice", "options": ["list", "tuple", "dict"], "correct_options": [2, 0]},
                {"options": ["list", "tuple", "dict"], "correct_option": 0, "correct_options": [0, 2]},
            ),
            (
                {"type": "multiple_choice", "options": ["a", "b"], "correct_options": [1], "partial_credit": True},
                {"options": ["a", "b"], "correct_option": 1, "correct_options": [1], "partial_credit": True},
            ),
            ({"type": "true_false", "correct_option": 1}, {"options": ["True", "False"], "correct_options": [1]}),
            (
                {"type": "true_false", "options": ["True", "False"], "correct_option": 0},
                {"options": ["True", "False"], "correct_options": [0]},
            ),
            ({"type": "free_text"}, {"options": [], "correct_option": None, "correct_options": []}),
        ],
    )
    def test_each_type(self, client, bank, auth_headers_hr, fields, shown):
        response = client.post(f"{BASE}/questions/", json=_body(bank, **fields), headers=auth_headers_hr)
        assert response.status_code == 201, response.text
        data = response.json()["data"]
        assert set(data) == SHAPE | {"type", "correct_options", "partial_credit"}
        expected = {"type": fields["type"], "partial_credit": False, **shown}
        assert {name: data[name] for name in expected} == expected
        read = client.get(f"{BASE}/questions/{data['uuid']}/", headers=auth_headers_hr).json()["data"]
        assert read == data

    @pytest.mark.parametrize(
        "fields, errors",
        [
            ({"options": ["a", "b"]}, {"correct_option": ["This field is required."]}),
            ({}, {"options": ["This field is required."], "correct_option": ["This field is required."]}),
            (
                {"options": ["a", "b"], "correct_option": 0, "partial_credit": True},
                {"partial_credit": ["Only a multiple-choice question takes this field."]},
            ),
            (
                {"options": ["a", "b"], "correct_option": 0, "correct_options": [0]},
                {"correct_options": ["Only a multiple-choice question takes this field."]},
            ),
            ({"type": "multiple_choice", "options": ["a", "b"]}, {"correct_options": ["This field is required."]}),
            (
                {"type": "multiple_choice", "options": ["a", "b"], "correct_option": 1},
                {"correct_option": ["A multiple-choice question takes correct_options instead."]},
            ),
            (
                {"type": "multiple_choice", "options": ["a", "b"], "correct_options": []},
                {"correct_options": ["Name at least one correct option."]},
            ),
            (
                {"type": "multiple_choice", "options": ["a", "b"], "correct_options": [1, 1]},
                {"correct_options": ["Each option may be named once."]},
            ),
            (
                {"type": "multiple_choice", "options": ["a", "b"], "correct_options": [0, 2]},
                {"correct_options": ["Each must be the index of an option, from 0 to 1."]},
            ),
            (
                {"type": "multiple_choice", "options": ["a"], "correct_options": [0]},
                {"options": ["Provide between 2 and 6 options (got 1)."]},
            ),
            (
                {"type": "true_false", "options": ["Yes", "No"], "correct_option": 0},
                {"options": ["A true/false question has the options True and False; leave options out."]},
            ),
            (
                {"type": "true_false", "correct_option": 2},
                {"correct_option": ["Must be the index of an option, from 0 to 1."]},
            ),
            ({"type": "true_false"}, {"correct_option": ["This field is required."]}),
            ({"type": "free_text", "options": ["a", "b"]}, {"options": ["A free-text question has no options."]}),
            ({"type": "free_text", "correct_option": 0}, {"correct_option": ["A free-text question has no options."]}),
            ({"type": "free_text", "text": " "}, {"text": ["This field may not be blank."]}),
            ({"type": "essay"}, {"type": ['"essay" is not a valid choice.']}),
            (
                {"type": "multiple_choice", "options": ["a", "b"], "correct_options": [True]},
                {"correct_options.0": ["A valid integer is required."]},
            ),
        ],
    )
    def test_validation(self, client, db, bank, auth_headers_hr, fields, errors):
        before, questions = row_counts(db), _questions(db)
        response = client.post(f"{BASE}/questions/", json=_body(bank, **fields), headers=auth_headers_hr)
        assert (response.status_code, response.json()) == (
            400,
            {"success": False, "message": INVALID, "errors": errors},
        )
        assert (row_counts(db), _questions(db)) == (before, questions)


class TestUpdate:
    def test_a_change_of_type_takes_the_new_types_fields(self, client, db, bank, auth_headers_hr):
        question = create_question(db, bank.subtopic, options=("a", "b", "c"), correct_option=1)
        path = f"{BASE}/questions/{question.id}/"
        before, questions = row_counts(db), _questions(db)
        refused = client.patch(path, json={"type": "multiple_choice"}, headers=auth_headers_hr)
        assert (refused.status_code, refused.json()["errors"]) == (
            400,
            {"correct_options": ["This field is required."]},
        )
        assert (row_counts(db), _questions(db)) == (before, questions)
        multiple = client.patch(
            path,
            json={"type": "multiple_choice", "correct_options": [0, 1], "partial_credit": True},
            headers=auth_headers_hr,
        )
        assert multiple.status_code == 200, multiple.text
        data = multiple.json()["data"]
        assert (data["options"], data["correct_options"], data["partial_credit"]) == (["a", "b", "c"], [0, 1], True)
        true_false = client.patch(path, json={"type": "true_false", "correct_option": 0}, headers=auth_headers_hr)
        data = true_false.json()["data"]
        assert (data["type"], data["options"], data["correct_options"], data["partial_credit"]) == (
            "true_false",
            ["True", "False"],
            [0],
            False,
        )
        back = client.patch(path, json={"type": "single_choice", "options": ["x", "y"]}, headers=auth_headers_hr)
        assert set(back.json()["data"]) == SHAPE
        assert back.json()["data"]["correct_option"] == 0

    def test_free_text_back_to_choice_needs_options(self, client, db, bank, auth_headers_hr):
        question = create_question(
            db, bank.subtopic, options=(), correct_option=0, correct_options=[], question_type="free_text"
        )
        before, questions = row_counts(db), _questions(db)
        response = client.patch(
            f"{BASE}/questions/{question.id}/", json={"type": "single_choice"}, headers=auth_headers_hr
        )
        assert (response.status_code, response.json()["errors"]) == (
            400,
            {"options": ["Provide between 2 and 6 options (got 0)."]},
        )
        assert (row_counts(db), _questions(db)) == (before, questions)
        null = client.patch(f"{BASE}/questions/{question.id}/", json={"type": None}, headers=auth_headers_hr)
        assert (null.status_code, null.json()["errors"]) == (400, {"type": ["This field may not be null."]})


# ---- the candidate's session ----------------------------------------------------------------------------------


@pytest.fixture
def typed_bank(db, bank):
    """One question of each type (easy), so a panel of four easy questions draws them all."""
    create_question(db, bank.subtopic, text="Single", options=("a", "b", "c", "d"), correct_option=2)
    create_question(
        db,
        bank.subtopic,
        text="Multiple",
        options=("a", "b", "c", "d"),
        correct_option=0,
        correct_options=[0, 2],
        question_type="multiple_choice",
        partial_credit=True,
    )
    create_question(
        db, bank.subtopic, text="TrueFalse", options=("True", "False"), correct_option=1, question_type="true_false"
    )
    create_question(
        db, bank.subtopic, text="Free", options=(), correct_option=0, correct_options=[], question_type="free_text"
    )
    return bank


@pytest.fixture
def session_token(db, org, typed_bank):
    _, [candidate] = create_panel(
        db, org, typed_bank, candidates=[create_cv(db, org, name="Ada")], easy=4, medium=0, hard=0
    )
    return candidate.token


def _url(token: str, action: str = "") -> str:
    return f"/api/panel/session/{token}/" + (f"{action}/" if action else "")


def _by_text(client, token) -> dict[str, dict]:
    response = client.get(_url(token))
    assert response.status_code == 200, response.text
    return {question["text"]: question for question in response.json()["data"]["questions"]}


def _answers(db) -> list[tuple]:
    db.expire_all()
    return sorted(
        (str(a.question_id), a.selected_option, a.selected_options, a.text_answer, a.answered_at)
        for a in db.exec(select(Answer)).all()
    )


class TestSessionAnswers:
    def test_the_session_shows_each_type_and_takes_its_answer(self, client, db, session_token):
        questions = _by_text(client, session_token)
        assert set(questions["Single"]) == {"uuid", "position", "text", "difficulty", "options"}
        assert (questions["Multiple"]["type"], questions["Multiple"]["options"]) == ("multiple_choice", list("abcd"))
        assert (questions["TrueFalse"]["type"], questions["TrueFalse"]["options"]) == ("true_false", ["True", "False"])
        assert (questions["Free"]["type"], questions["Free"]["options"]) == ("free_text", [])
        ids = {text: question["uuid"] for text, question in questions.items()}
        answers = {
            ids["Single"]: 2,
            ids["Multiple"]: [2, 0],
            ids["TrueFalse"]: 1,
            ids["Free"]: "  A list is mutable.  ",
        }
        response = client.put(_url(session_token, "answers"), json={"answers": answers})
        assert response.status_code == 200, response.text
        saved = {ids["Single"]: 2, ids["Multiple"]: [0, 2], ids["TrueFalse"]: 1, ids["Free"]: "A list is mutable."}
        assert response.json()["data"] == {"answers": saved, "answered": 4, "total": 4}
        assert client.get(_url(session_token)).json()["data"]["answers"] == saved
        stored = {str(a.question_id): a for a in db.exec(select(Answer)).all()}
        assert stored[ids["Multiple"]].selected_options == [0, 2]
        assert stored[ids["Free"]].text_answer == "A list is mutable."
        cleared = client.put(
            _url(session_token, "answers"), json={"answers": {ids["Multiple"]: None, ids["Free"]: None}}
        )
        assert cleared.json()["data"]["answers"] == {ids["Single"]: 2, ids["TrueFalse"]: 1}
        db.expire_all()
        assert [a.selected_options for a in db.exec(select(Answer)).all() if a.selected_options is not None] == []

    @pytest.mark.parametrize(
        "text, value, error",
        [
            ("Single", [1], ("", "A valid integer is required.")),
            ("Single", "first", ("", "A valid integer is required.")),
            ("Single", True, ("", "A valid integer is required.")),
            ("Multiple", 1, ("", "Expected a list of option indexes.")),
            ("Multiple", "a", ("", "Expected a list of option indexes.")),
            ("Multiple", [], ("", "Pick at least one option, or send null to clear the answer.")),
            ("Multiple", [1, 1], ("", "Each option may be picked once.")),
            ("Multiple", [0, 4], ("", "Must be the index of an option, from 0 to 3.")),
            ("Multiple", [-1], ("", "Must be the index of an option, from 0 to 3.")),
            ("Multiple", [0, "b"], (".1", "A valid integer is required.")),
            ("TrueFalse", 2, ("", "Must be the index of an option, from 0 to 1.")),
            ("TrueFalse", [0], ("", "A valid integer is required.")),
            ("Free", 1, ("", "This question takes a text answer.")),
            ("Free", [1], ("", "This question takes a text answer.")),
            ("Free", "   ", ("", "This field may not be blank.")),
            ("Free", "x" * 2001, ("", "Ensure this field has no more than 2000 characters.")),
            ("Free", "a\x00b", ("", "Null characters are not allowed.")),
        ],
    )
    @pytest.mark.parametrize("action", ["answers", "submit"])
    def test_a_wrong_answer_for_the_type_is_refused_and_nothing_changes(
        self, client, db, session_token, text, value, error, action
    ):
        ids = {text: question["uuid"] for text, question in _by_text(client, session_token).items()}
        kept = {ids["Single"]: 0, ids["Multiple"]: [1], ids["Free"]: "kept"}
        assert client.put(_url(session_token, "answers"), json={"answers": kept}).status_code == 200
        before, answers = row_counts(db), _answers(db)
        method = client.put if action == "answers" else client.post
        response = method(_url(session_token, action), json={"answers": {ids[text]: value}})
        suffix, message = error
        assert (response.status_code, response.json()) == (
            400,
            {"success": False, "message": INVALID, "errors": {f"answers.{ids[text]}{suffix}": [message]}},
        )
        assert (row_counts(db), _answers(db)) == (before, answers)
        assert client.get(_url(session_token)).json()["data"]["state"] == "open"

    def test_a_number_as_a_string_still_answers_a_single_choice_question(self, client, session_token):
        ids = {text: question["uuid"] for text, question in _by_text(client, session_token).items()}
        response = client.put(_url(session_token, "answers"), json={"answers": {ids["Single"]: "3", ids["Free"]: "3"}})
        assert response.json()["data"]["answers"] == {ids["Single"]: 3, ids["Free"]: "3"}


class TestScoring:
    def _submit(self, client, token, answers):
        ids = {text: question["uuid"] for text, question in _by_text(client, token).items()}
        response = client.post(_url(token, "submit"), json={"answers": {ids[k]: v for k, v in answers.items()}})
        assert response.status_code == 200, response.text
        return response.json()["data"]

    def test_partial_credit_true_false_and_a_blank_free_text(self, client, db, session_token):
        # Multiple: right picks 0 and 2; one right (0) and one wrong (1) earn (1 - 1) / 2 = 0; Single and TrueFalse
        # right; Free unanswered earns 0 without waiting for HR.
        data = self._submit(client, session_token, {"Single": 2, "Multiple": [0, 1], "TrueFalse": 1})
        assert (data["score"], data["total"], data["breakdown"]["easy"]) == (2, 4, {"correct": 2, "total": 4})
        assert "score_pending" not in data

    def test_a_half_right_multiple_choice_gives_half_a_point(self, client, db, org, session_token):
        data = self._submit(client, session_token, {"Single": 2, "Multiple": [2], "TrueFalse": 0})
        assert data["score"] == 1  # 1 + 0.5 + 0: the spec's whole number, rounded down
        credits = sorted(a.credit for a in db.exec(select(Answer)).all())
        assert credits == [0.0, 0.0, 0.5, 1.0]

    def test_a_free_text_answer_makes_the_score_wait(self, client, db, session_token):
        data = self._submit(client, session_token, {"Single": 2, "Multiple": [0, 2], "Free": "Lists are."})
        assert (data["score"], data["breakdown"], data["score_pending"]) == (None, None, True)
        free = next(a for a in db.exec(select(Answer)).all() if a.text_answer)
        assert (free.credit, free.is_correct) == (None, None)

    def test_all_or_nothing_multiple_choice(self, client, db, session_token):
        question = db.exec(select(Question).where(Question.text == "Multiple")).one()
        question.partial_credit = False
        db.commit()
        data = self._submit(client, session_token, {"Multiple": [2]})
        assert data["score"] == 0

    def test_half_points_count_for_the_pass_mark_and_hr_sees_the_points(
        self, client, db, session_token, auth_headers_hr
    ):
        # 1 + 0.5 + 1 + 0 = 2.5 of 4: 62.5 % passes the default 60 % mark, where the whole score 2 (50 %) would not
        data = self._submit(client, session_token, {"Single": 2, "Multiple": [2], "TrueFalse": 1})
        assert data["score"] == 2
        panel_id = db.exec(select(PanelCandidate)).one().panel_id
        results = client.get(f"/api/panel/results/{panel_id}/", headers=auth_headers_hr).json()["data"]
        [row] = results["candidates"]
        assert (row["score"], row["points"]) == (2, "2.50") and "score_pending" not in row
        export = client.get(f"/api/panel/get/{panel_id}/results.csv", headers=auth_headers_hr).text.lstrip("\ufeff")
        [line] = csv.DictReader(io.StringIO(export))
        assert (line["score"], line["passed"]) == ("2", "yes")


class TestHandScoring:
    """Decision 119: HR scores written answers; until each is scored the session's score waits."""

    @pytest.fixture
    def submitted(self, client, db, session_token):
        ids = {text: question["uuid"] for text, question in _by_text(client, session_token).items()}
        answers = {ids["Single"]: 2, ids["Multiple"]: [0, 2], ids["TrueFalse"]: 0, ids["Free"]: "A list can change."}
        assert client.post(_url(session_token, "submit"), json={"answers": answers}).status_code == 200
        candidate = db.exec(select(PanelCandidate)).one()
        return candidate, ids

    def _paths(self, candidate) -> tuple[str, str]:
        return (
            f"/api/panel/written-answers/{candidate.panel_id}/",
            f"/api/panel/hand-score/{candidate.panel_id}/{candidate.candidate_id}/",
        )

    def test_the_wait_is_said_until_hr_scores_the_answer(self, client, db, submitted, auth_headers_hr, hr_user):
        candidate, ids = submitted
        listing, score = self._paths(candidate)
        results = f"/api/panel/results/{candidate.panel_id}/"
        [row] = client.get(results, headers=auth_headers_hr).json()["data"]["candidates"]
        assert (row["score"], row["score_pending"], "points" not in row) == (2, True, True)
        export = client.get(f"/api/panel/get/{candidate.panel_id}/results.csv", headers=auth_headers_hr).text
        [line] = csv.DictReader(io.StringIO(export.lstrip("\ufeff")))
        assert (line["score"], line["passed"]) == ("waiting for hand scoring", "")
        written = client.get(listing, headers=auth_headers_hr)
        assert written.status_code == 200
        free = next(q for q in _by_text(client, candidate.token).values() if q["text"] == "Free")
        assert written.json() == {
            "success": True,
            "message": "Written answers retrieved successfully",
            "data": {
                "answers": [
                    {
                        "candidate_uuid": str(candidate.candidate_id),
                        "candidate_name": "Ada",
                        "question_uuid": ids["Free"],
                        "position": free["position"],
                        "question_text": "Free",
                        "answer": "A list can change.",
                        "hand_score": None,
                        "scored_by": None,
                        "scored_at": None,
                    }
                ]
            },
        }

        response = client.post(score, json={"question_uuid": ids["Free"], "score": 7}, headers=auth_headers_hr)
        assert response.status_code == 200, response.text
        data = response.json()["data"]
        assert (data["hand_score"], data["score"], data["points"], data["score_pending"]) == (7, 2, "2.70", False)
        db.expire_all()
        answer = db.exec(select(Answer).where(Answer.text_answer.is_not(None))).one()
        assert (answer.hand_score, answer.scored_by_id, answer.credit, answer.is_correct) == (7, hr_user.id, 0.7, False)
        [row] = client.get(results, headers=auth_headers_hr).json()["data"]["candidates"]
        assert (row["score"], row["points"], "score_pending" in row) == (2, "2.70", False)
        result = client.get(_url(candidate.token)).json()["data"]["result"]
        assert (result["score"], "score_pending" in result) == (2, False)
        entry = client.get(listing, headers=auth_headers_hr).json()["data"]["answers"][0]
        assert (entry["hand_score"], entry["scored_by"]) == (7, hr_user.full_name)
        # HR may change the score; the session follows
        again = client.post(score, json={"question_uuid": ids["Free"], "score": 10}, headers=auth_headers_hr)
        assert again.json()["data"]["score"] == 3 and again.json()["data"]["points"] == "3.00"

    @pytest.mark.parametrize(
        "body, field, message",
        [
            ({"score": 11}, "score", "Ensure this value is less than or equal to 10."),
            ({"score": -1}, "score", "Ensure this value is greater than or equal to 0."),
            ({"score": True}, "score", "A valid integer is required."),
            ({"score": None}, "score", "This field may not be null."),
            ({"question": "Single"}, "question_uuid", "Only a free-text answer is scored by hand."),
            ({"question": "stranger"}, "question_uuid", "This question is not part of the candidate's session."),
        ],
    )
    def test_refusals_change_nothing(self, client, db, submitted, auth_headers_hr, body, field, message):
        candidate, ids = submitted
        _, score = self._paths(candidate)
        question = body.pop("question", "Free")
        payload = {"question_uuid": ids.get(question, str(uuid.uuid4())), "score": 5, **body}
        before, answers, points = row_counts(db), _scores(db), _points(db)
        response = client.post(score, json=payload, headers=auth_headers_hr)
        assert (response.status_code, response.json()) == (
            400,
            {"success": False, "message": INVALID, "errors": {field: [message]}},
        )
        assert (row_counts(db), _scores(db), _points(db)) == (before, answers, points)

    def test_an_unsubmitted_session_or_a_blank_answer_is_not_scored(self, client, db, session_token, auth_headers_hr):
        ids = {text: question["uuid"] for text, question in _by_text(client, session_token).items()}
        candidate = db.exec(select(PanelCandidate)).one()
        _, score = self._paths(candidate)
        before, answers = row_counts(db), _scores(db)
        early = client.post(score, json={"question_uuid": ids["Free"], "score": 5}, headers=auth_headers_hr)
        assert (early.status_code, early.json()) == (
            400,
            {
                "success": False,
                "message": "The session has not been submitted yet",
                "errors": {"non_field_errors": ["Answers are scored once the candidate has submitted."]},
            },
        )
        assert client.post(_url(session_token, "submit"), json={"answers": {ids["Single"]: 0}}).status_code == 200
        assert db.exec(select(PanelCandidate)).one().hand_scoring_pending is False  # a blank answer earns 0 at once
        before, answers = row_counts(db), _scores(db)
        blank = client.post(score, json={"question_uuid": ids["Free"], "score": 5}, headers=auth_headers_hr)
        assert (blank.status_code, blank.json()["errors"]) == (
            400,
            {"question_uuid": ["A blank answer earns 0 without hand scoring."]},
        )
        assert (row_counts(db), _scores(db)) == (before, answers)

    def test_another_candidate_or_panel_is_not_found(self, client, db, org, submitted, auth_headers_hr):
        candidate, ids = submitted
        stranger = create_cv(db, org, name="Not on the panel")
        path = f"/api/panel/hand-score/{candidate.panel_id}/{stranger.id}/"
        before = row_counts(db)
        response = client.post(path, json={"question_uuid": ids["Free"], "score": 5}, headers=auth_headers_hr)
        assert (response.status_code, response.json()["message"]) == (404, "Candidate not found")
        unknown = client.get(f"/api/panel/written-answers/{uuid.uuid4()}/", headers=auth_headers_hr)
        assert (unknown.status_code, unknown.json()["message"]) == (404, "Interview panel not found")
        assert row_counts(db) == before


def _scores(db) -> list[tuple]:
    db.expire_all()
    return sorted(
        (str(a.id), a.hand_score, a.scored_by_id, a.scored_at, a.credit) for a in db.exec(select(Answer)).all()
    )


def _points(db) -> list[tuple]:
    db.expire_all()
    return [(c.score, c.points, c.hand_scoring_pending) for c in db.exec(select(PanelCandidate)).all()]


def test_a_written_answer_counts_in_the_item_statistics_once_scored(client, db, session_token, auth_headers_hr):
    ids = {text: question["uuid"] for text, question in _by_text(client, session_token).items()}
    answers = {ids["Multiple"]: [0], ids["Free"]: "Lists change."}
    assert client.post(_url(session_token, "submit"), json={"answers": answers}).status_code == 200
    stats = f"{BASE}/questions/{ids['Free']}/stats/"
    assert client.get(stats, headers=auth_headers_hr).json()["data"]["attempts"] == 0  # waiting: no attempt yet
    candidate = db.exec(select(PanelCandidate)).one()
    scored = client.post(
        f"/api/panel/hand-score/{candidate.panel_id}/{candidate.candidate_id}/",
        json={"question_uuid": ids["Free"], "score": 4},
        headers=auth_headers_hr,
    )
    assert scored.status_code == 200
    data = client.get(stats, headers=auth_headers_hr).json()["data"]
    assert (data["attempts"], data["options"], data["flags"]) == (1, [], ["fewer_than_30_attempts"])
    multiple = client.get(f"{BASE}/questions/{ids['Multiple']}/stats/", headers=auth_headers_hr).json()["data"]
    assert [(o["index"], o["correct"]) for o in multiple["options"]] == [(0, True), (1, False), (2, True), (3, False)]


class TestImport:
    TREE = {"category": "Python", "topic": "Basics", "subtopic": "Types", "difficulty": "easy"}

    def test_json_rows_of_every_type(self, client, db, auth_headers_hr):
        rows = [
            {**self.TREE, "text": "Single", "options": ["a", "b"], "correct_option": 1},
            {**self.TREE, "text": "Multiple", "type": "multiple_choice", "options": ["a", "b", "c"],
             "correct_options": [2, 0], "partial_credit": True},
            {**self.TREE, "text": "TrueFalse", "type": "true_false", "correct_option": 0},
            {**self.TREE, "text": "Free", "type": "free_text"},
        ]  # fmt: skip
        response = client.post(f"{BASE}/import/", json={"questions": rows}, headers=auth_headers_hr)
        assert response.status_code == 201, response.text
        assert _questions(db) == [
            ("Free", "free_text", [], 0, [], False),
            ("Multiple", "multiple_choice", ["a", "b", "c"], 0, [0, 2], True),
            ("Single", "single_choice", ["a", "b"], 1, [1], False),
            ("TrueFalse", "true_false", ["True", "False"], 0, [0], False),
        ]

    def test_a_row_wrong_for_its_type_refuses_the_import(self, client, db, auth_headers_hr):
        rows = [
            {**self.TREE, "text": "Fine", "type": "free_text"},
            {**self.TREE, "text": "Multiple", "type": "multiple_choice", "options": ["a", "b"], "correct_options": [3]},
            {**self.TREE, "text": "Free", "type": "free_text", "options": ["a", "b"]},
            {**self.TREE, "text": "Odd", "type": "essay"},
        ]
        before = row_counts(db)
        response = client.post(f"{BASE}/import/", json={"questions": rows}, headers=auth_headers_hr)
        assert (response.status_code, response.json()) == (
            400,
            {
                "success": False,
                "message": "Import failed: no question was imported",
                "errors": {
                    "rows.2.correct_options": ["Each must be the index of an option, from 0 to 1."],
                    "rows.3.options": ["A free-text question has no options."],
                    "rows.4.type": ['"essay" is not a valid choice.'],
                },
            },
        )
        assert row_counts(db) == before

    def test_csv_with_the_type_columns(self, client, db, auth_headers_hr):
        csv_text = (
            "category,topic,subtopic,text,difficulty,option_1,option_2,option_3,correct_option,type,"
            "correct_options,partial_credit\n"
            "Python,Basics,Types,Single,easy,a,b,,0,,,\n"
            "Python,Basics,Types,Multiple,easy,a,b,c,,multiple_choice,0;2,yes\n"
            "Python,Basics,Types,TrueFalse,easy,,,,1,true_false,,\n"
            "Python,Basics,Types,Free,easy,,,,,free_text,,\n"
        )
        headers = {**auth_headers_hr, "content-type": "text/csv"}
        response = client.post(f"{BASE}/import/", content=csv_text.encode(), headers=headers)
        assert response.status_code == 201, response.text
        assert _questions(db) == [
            ("Free", "free_text", [], 0, [], False),
            ("Multiple", "multiple_choice", ["a", "b", "c"], 0, [0, 2], True),
            ("Single", "single_choice", ["a", "b"], 0, [0], False),
            ("TrueFalse", "true_false", ["True", "False"], 1, [1], False),
        ]
