"""The credit each question type gives an answer, and a session's points (decision 117), computed by hand."""

from __future__ import annotations

import statistics
import uuid
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


# ---- item analysis of the types (decision 120) ---------------------------------------------------------------


def _attempts(rows: list[tuple]) -> list:
    """(picks or None, credit, text answered) per attempt, each in a 2-question session whose other question is
    right when this one earned at least half."""
    from hr_app.services.item_analysis import Attempt

    return [
        Attempt(
            uuid.uuid4(),
            None,
            credit == 1,
            session_score=credit + float(credit >= 0.5),
            session_questions=2,
            picks=picks,
            credit=credit,
            answered_text=text,
        )
        for picks, credit, text in rows
    ]


def test_multiple_choice_pick_rates_count_each_ticked_option_and_facility_is_the_mean_credit():
    from hr_app.services.item_analysis import item_statistics

    question = _question(QuestionType.MULTIPLE_CHOICE, [0, 2], partial=True)
    rows = (
        [((0, 2), 1.0, False)] * 10 + [((0,), 0.5, False)] * 10 + [((1, 3), 0.0, False)] * 5 + [(None, 0.0, False)] * 5
    )
    stats = item_statistics(question, _attempts(rows))
    assert (stats.attempts, stats.facility, stats.unanswered_rate) == (30, round(15 / 30, 4), round(5 / 30, 4))
    assert [(o.index, o.correct, o.pick_rate) for o in stats.options] == [
        (0, True, round(20 / 30, 4)),
        (1, False, round(5 / 30, 4)),
        (2, True, round(10 / 30, 4)),
        (3, False, round(5 / 30, 4)),
    ]


def test_free_text_has_no_options_and_its_facility_comes_from_the_hand_scores():
    from hr_app.services.item_analysis import item_statistics

    question = _question(QuestionType.FREE_TEXT, [])
    rows = [(None, 0.8, True)] * 15 + [(None, 0.2, True)] * 10 + [(None, 0.0, False)] * 5
    stats = item_statistics(question, _attempts(rows))
    assert (stats.facility, stats.options, stats.unanswered_rate) == (round((12 + 2) / 30, 4), [], round(5 / 30, 4))
    credits, rests = [r[1] for r in rows], [float(r[1] >= 0.5) for r in rows]
    assert stats.point_biserial == round(statistics.correlation(credits, rests), 4)  # credit against the rest
