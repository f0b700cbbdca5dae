"""How each question type takes an answer and scores it (issue 19, decision 117).

Every question is worth one point; an answer earns a share of it, its `credit` (0 to 1):

- single choice and true/false: 1 for the correct option, else 0;
- multiple choice, all or nothing: 1 when the options picked are exactly the correct ones, else 0;
- multiple choice with partial credit: (right picks - wrong picks) / number of correct options, floored at 0, so
  ticking every box earns nothing and each wrong tick cancels a right one;
- free text: HR's hand score / HAND_SCORE_MAX, and None (waiting) until HR scores it; a blank answer earns 0 at
  once, there is nothing to read.

An unanswered question earns 0. A session's points are the sum of the credits (2 decimals); its spec `score` is
the points rounded down, so a set without fractions scores exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from hr_app.kit.limits import HAND_SCORE_MAX, POINTS_PLACES
from hr_app.models import Answer, Question, QuestionType

TRUE_FALSE_OPTIONS = ("True", "False")
WAITING_FOR_HAND_SCORING = "waiting for hand scoring"  # how results and exports say a score is not final yet
CHOICE_TYPES = frozenset({QuestionType.SINGLE_CHOICE, QuestionType.TRUE_FALSE})
CREDIT_DIGITS = 4

# The answer refusals, one sentence each (keyed answers.<question uuid> by the session service).
NOT_AN_INDEX = "A valid integer is required."  # an option question given a list or a text (DRF's wording)
NOT_A_LIST = "Expected a list of option indexes."
NOT_A_TEXT = "This question takes a text answer."
EMPTY_CHOICE = "Pick at least one option, or send null to clear the answer."
DUPLICATE_CHOICE = "Each option may be picked once."
BLANK_TEXT = "This field may not be blank."


def type_of(question: Question) -> QuestionType:
    return QuestionType(question.question_type)


def shuffles(question: Question) -> bool:
    """True/false keeps True before False for everyone; free text has no options to order."""
    return type_of(question) in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE)


def _index_problem(index: Any, size: int) -> str | None:
    if not isinstance(index, int) or isinstance(index, bool):
        return NOT_AN_INDEX
    return None if 0 <= index < size else f"Must be the index of an option, from 0 to {size - 1}."


AnswerValue = int | list[int] | str | None
_INTEGER = re.compile(r"[+-]?\d+")


def normalised(question: Question, value: AnswerValue) -> AnswerValue:
    """A number sent as a string answers an option question as that number (as the API always took it)."""
    if type_of(question) in CHOICE_TYPES and isinstance(value, str) and _INTEGER.fullmatch(value):
        return int(value)
    return value


def answer_problem(question: Question, value: AnswerValue) -> str | None:
    """Why `value` (the candidate's indexes, or a text; normalised) cannot answer `question`; None when it can.
    None clears an answer."""
    if value is None:
        return None
    kind, size = type_of(question), len(question.options)
    if kind == QuestionType.FREE_TEXT:
        if not isinstance(value, str):
            return NOT_A_TEXT
        return None if value.strip() else BLANK_TEXT
    if kind in CHOICE_TYPES:
        return _index_problem(value, size) if not isinstance(value, (list, str)) else NOT_AN_INDEX
    if not isinstance(value, list):
        return NOT_A_LIST
    if not value:
        return EMPTY_CHOICE
    problem = next((p for p in (_index_problem(index, size) for index in value) if p), None)
    if problem is None and len(set(value)) != len(value):
        return DUPLICATE_CHOICE
    return problem


def credit(question: Question, answer: Answer) -> Fraction | None:
    """The share of the question's point this answer earns (None: waiting for HR's hand score)."""
    kind = type_of(question)
    if kind == QuestionType.FREE_TEXT:
        if not (answer.text_answer or "").strip():
            return Fraction(0)
        return None if answer.hand_score is None else Fraction(answer.hand_score, HAND_SCORE_MAX)
    if kind in CHOICE_TYPES:
        return Fraction(int(answer.selected_option is not None and answer.selected_option == question.correct_option))
    picked, correct = set(answer.selected_options or ()), set(question.correct_options)
    if not question.partial_credit or not correct:
        return Fraction(int(bool(picked) and picked == correct))
    return max(Fraction(0), Fraction(len(picked & correct) - len(picked - correct), len(correct)))


@dataclass(frozen=True)
class Grade:
    points: Decimal  # the credits summed, 2 decimals (a waiting free-text answer counts 0 until scored)
    pending: bool  # some free-text answer waits for HR's hand score

    @property
    def score(self) -> int:
        """The spec's whole-number score: the points rounded down."""
        return int(self.points)


def grade(items: Sequence[tuple[Question, Answer]]) -> Grade:
    """Store each answer's credit and whether it earned the full point; the session's points and whether any
    answer still waits for hand scoring."""
    total, pending = Fraction(0), False
    for question, answer in items:
        earned = credit(question, answer)
        answer.credit = None if earned is None else round(float(earned), CREDIT_DIGITS)
        answer.is_correct = None if earned is None else earned == 1
        pending = pending or earned is None
        total += earned or 0
    points = Decimal(total.numerator) / Decimal(total.denominator)
    return Grade(points.quantize(Decimal(1).scaleb(-POINTS_PLACES), rounding=ROUND_HALF_UP), pending)
