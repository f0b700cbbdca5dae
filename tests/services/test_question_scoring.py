"""The credit each question type gives an answer, and a session's points (decision 117), computed by hand."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from hr_app.models import Answer, Question, QuestionType
from hr_app.services import question_scoring


def _question(kind: QuestionType, correct: list[int], *, partial: bool = False, size: int = 4) -> Question:
    options = {QuestionType.TRUE_FALSE: ["True", "False"], QuestionType.FREE_TEXT: []}.get(
        kind, [f"option {n}" for n in range(size)]
    )
    return Question(
        text="?",
        difficulty="easy",
        options=options,
        correct_option=min(correct) if correct else 0,
        correct_options=correct,
        question_type=kind,
        partial_credit=partial,
    )


@pytest.mark.parametrize(
    "picked, partial, credit",
    [
        ([0, 2], False, 1),
        ([0], False, 0),
        ([0, 2, 3], False, 0),
        (None, False, 0),
        ([0, 2], True, 1),
        ([0], True, Fraction(1, 2)),
        ([0, 3], True, 0),  # one right, one wrong: (1 - 1) / 2
        ([0, 2, 3], True, Fraction(1, 2)),  # (2 - 1) / 2
        ([1, 3], True, 0),  # (0 - 2) / 2, floored at 0
        ([0, 1, 2, 3], True, 0),  # ticking every box earns nothing
        (None, True, 0),
    ],
)
def test_multiple_choice(picked, partial, credit):
    question = _question(QuestionType.MULTIPLE_CHOICE, [0, 2], partial=partial)
    assert question_scoring.credit(question, Answer(selected_options=picked)) == credit


def test_partial_credit_of_three_correct_options_is_in_thirds():
    question = _question(QuestionType.MULTIPLE_CHOICE, [0, 1, 2], partial=True, size=5)
    assert question_scoring.credit(question, Answer(selected_options=[0, 1])) == Fraction(2, 3)
    assert question_scoring.credit(question, Answer(selected_options=[0, 1, 4])) == Fraction(1, 3)


@pytest.mark.parametrize("kind", [QuestionType.SINGLE_CHOICE, QuestionType.TRUE_FALSE])
def test_one_option_types(kind):
    question = _question(kind, [1])
    assert [question_scoring.credit(question, Answer(selected_option=pick)) for pick in (None, 0, 1)] == [0, 0, 1]


def test_free_text_waits_for_the_hand_score_unless_blank():
    question = _question(QuestionType.FREE_TEXT, [])
    assert question_scoring.credit(question, Answer(text_answer=None)) == 0
    assert question_scoring.credit(question, Answer(text_answer="A list")) is None
    assert question_scoring.credit(question, Answer(text_answer="A list", hand_score=7)) == Fraction(7, 10)


def test_grade_sums_the_credits_and_rounds_the_score_down():
    multiple = _question(QuestionType.MULTIPLE_CHOICE, [0, 1, 2], partial=True, size=5)
    single, free = _question(QuestionType.SINGLE_CHOICE, [0]), _question(QuestionType.FREE_TEXT, [])
    answers = [Answer(selected_options=[0, 1]), Answer(selected_option=0), Answer(text_answer="x", hand_score=5)]
    result = question_scoring.grade(list(zip([multiple, single, free], answers, strict=True)))
    assert (result.points, result.score, result.pending) == (Decimal("2.17"), 2, False)  # 2/3 + 1 + 1/2
    assert [(a.credit, a.is_correct) for a in answers] == [(0.6667, False), (1.0, True), (0.5, False)]
    answers[2].hand_score = None
    waiting = question_scoring.grade(list(zip([multiple, single, free], answers, strict=True)))
    assert (waiting.points, waiting.score, waiting.pending) == (Decimal("1.67"), 1, True)
    assert (answers[2].credit, answers[2].is_correct) == (None, None)


@pytest.mark.parametrize(
    "kind, value, problem",
    [
        (QuestionType.SINGLE_CHOICE, "2", None),
        (QuestionType.SINGLE_CHOICE, 4, "Must be the index of an option, from 0 to 3."),
        (QuestionType.MULTIPLE_CHOICE, [3, 0], None),
        (QuestionType.MULTIPLE_CHOICE, [], question_scoring.EMPTY_CHOICE),
        (QuestionType.MULTIPLE_CHOICE, [2, 2], question_scoring.DUPLICATE_CHOICE),
        (QuestionType.TRUE_FALSE, 1, None),
        (QuestionType.FREE_TEXT, "2", None),
        (QuestionType.FREE_TEXT, 2, question_scoring.NOT_A_TEXT),
        (QuestionType.FREE_TEXT, None, None),
    ],
)
def test_answer_problems(kind, value, problem):
    question = _question(kind, [] if kind == QuestionType.FREE_TEXT else [0])
    assert question_scoring.answer_problem(question, question_scoring.normalised(question, value)) == problem
