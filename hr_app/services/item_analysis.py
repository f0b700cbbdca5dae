"""Item analysis of the question bank: how each question behaved in submitted sessions.

Classical test theory, computed from the attempts of one question version (a question edited after it was
drawn is a new version with its own figures, so the figures always describe the text candidates saw):

- facility: the mean credit of the attempts, i.e. the share answered correctly (an unanswered drawn question counts
  as wrong, as in scoring); with partial credit or hand scores the mean share of the point earned (decision 120);
- point-biserial: Pearson's correlation between the item's credit (1 right, 0 wrong, or the share) and the rest of
  the candidate's test (their points without this item, as a share of their other questions, since sets differ in
  length between panels);
- upper-lower index: the item's facility among the top 27 % of attempts by that rest-of-test share, minus its
  facility among the bottom 27 % (ties broken by the session's id, so the figure is repeatable);
- per original option: the share of attempts that picked it (for multiple choice, that ticked it among others),
  and in the upper and lower groups. A free-text question has no options; its attempts are the scored ones only
  (an answer waiting for its hand score is no attempt yet).

Below `MIN_ATTEMPTS` the figures are null and `flags` says why: a facility from eight candidates is noise.
"""

from __future__ import annotations

import math
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from hr_app.kit.access import STAFF_ROLES, require_manager
from hr_app.models import Answer, AppUser, InterviewPanel, PanelCandidate, Question, SubTopic, Topic
from hr_app.schemas.records import ItemStats, OptionStats
from hr_app.services import question_bank

MIN_ATTEMPTS = 30
GROUP_SHARE = 0.27
TOO_EASY = 0.9
TOO_HARD = 0.2
LOW_DISCRIMINATION = 0.1
SEE_ITEM_STATISTICS = "see item statistics"

FEWER_THAN_MIN = "fewer_than_30_attempts"
NO_VARIANCE = "no_variance"


@dataclass(frozen=True)
class Attempt:
    """One drawn question in a submitted session."""

    session_id: uuid.UUID
    selected_option: int | None
    correct: bool
    session_score: float  # the session's points
    session_questions: int
    seconds: int | None = None
    picks: tuple[int, ...] | None = None  # a multiple-choice answer's options (the bank's indexes)
    credit: float | None = None  # the share of the point earned; None: 1 when correct, else 0
    answered_text: bool = False  # a free-text answer was given

    @property
    def earned(self) -> float:
        return float(self.correct) if self.credit is None else self.credit

    @property
    def answered(self) -> bool:
        return self.selected_option is not None or bool(self.picks) or self.answered_text

    def picked(self, index: int) -> bool:
        return self.selected_option == index or (self.picks is not None and index in self.picks)

    @property
    def rest_share(self) -> float | None:
        """The rest of the test as a share of the candidate's other questions (None for a one-question set)."""
        others = self.session_questions - 1
        return (self.session_score - self.earned) / others if others > 0 else None


def _share(count: int, total: int) -> float | None:
    return count / total if total else None


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def point_biserial(attempts: Sequence[Attempt]) -> float | None:
    """Pearson's r between the item and the rest of the test; None when either has no variance."""
    pairs = [(a.earned, a.rest_share) for a in attempts if a.rest_share is not None]
    if len(pairs) < 2:
        return None
    n = len(pairs)
    mean_x = sum(x for x, _ in pairs) / n
    mean_y = sum(y for _, y in pairs) / n
    covariance = sum((x - mean_x) * (y - mean_y) for x, y in pairs)
    spread_x = math.sqrt(sum((x - mean_x) ** 2 for x, _ in pairs))
    spread_y = math.sqrt(sum((y - mean_y) ** 2 for _, y in pairs))
    if spread_x == 0 or spread_y == 0:
        return None
    return covariance / (spread_x * spread_y)


def extreme_groups(attempts: Sequence[Attempt]) -> tuple[list[Attempt], list[Attempt]]:
    """The top and bottom 27 % by rest-of-test share (at least one attempt each), ties by session id."""
    ranked = sorted((a for a in attempts if a.rest_share is not None), key=lambda a: (a.rest_share, str(a.session_id)))
    size = max(1, round(len(ranked) * GROUP_SHARE)) if ranked else 0
    return ranked[len(ranked) - size :], ranked[:size]


def _option_flags(index: int, correct: bool, picks: int, upper: float | None, lower: float | None) -> list[str]:
    if correct:
        return []
    flags = ["never_picked"] if picks == 0 else []
    if upper is not None and lower is not None and upper > lower:
        flags.append("favoured_by_strong_candidates")
    return flags


def _options(question: Question, attempts: Sequence[Attempt], enough: bool) -> list[OptionStats]:
    upper, lower = extreme_groups(attempts) if enough else ([], [])
    options = []
    right = set(question.correct_options or [question.correct_option])
    for index, text in enumerate(question.options):
        picks = sum(1 for a in attempts if a.picked(index))
        correct = index in right
        upper_rate = _share(sum(1 for a in upper if a.picked(index)), len(upper))
        lower_rate = _share(sum(1 for a in lower if a.picked(index)), len(lower))
        flags = _option_flags(index, correct, picks, upper_rate, lower_rate) if enough else []
        options.append(
            OptionStats(
                index=index,
                text=text,
                correct=correct,
                pick_rate=_round(_share(picks, len(attempts))) if enough else None,
                upper_pick_rate=_round(upper_rate),
                lower_pick_rate=_round(lower_rate),
                flags=flags,
            )
        )
    return options


def _item_flags(facility: float, discrimination: float | None) -> list[str]:
    flags = []
    if facility > TOO_EASY:
        flags.append("too_easy")
    if facility < TOO_HARD:
        flags.append("too_hard")
    if discrimination is None:
        flags.append(NO_VARIANCE)
    elif discrimination < 0:
        flags.append("negative_discrimination")
    elif discrimination < LOW_DISCRIMINATION:
        flags.append("low_discrimination")
    return flags


def item_statistics(question: Question, attempts: Sequence[Attempt], min_attempts: int = MIN_ATTEMPTS) -> ItemStats:
    """The figures of one question from its attempts (pure: the tests compare it with a hand computation)."""
    count = len(attempts)
    enough = count >= min_attempts
    if not enough:
        return ItemStats(
            question.id, count, None, None, None, None, None, _options(question, attempts, False), [FEWER_THAN_MIN]
        )
    facility = sum(a.earned for a in attempts) / count
    discrimination = point_biserial(attempts)
    upper, lower = extreme_groups(attempts)
    index = sum(a.earned for a in upper) / len(upper) - sum(a.earned for a in lower) / len(lower)
    timed = [a.seconds for a in attempts if a.seconds is not None]
    return ItemStats(
        question_id=question.id,
        attempts=count,
        facility=_round(facility),
        point_biserial=_round(discrimination),
        upper_lower_index=_round(index),
        mean_seconds=round(sum(timed) / len(timed), 1) if timed else None,
        unanswered_rate=_round(sum(not a.answered for a in attempts) / count),
        options=_options(question, attempts, True),
        flags=_item_flags(facility, discrimination),
    )


# ---- reading attempts ------------------------------------------------------------------------------


def _attempt_rows(session: Session, question_ids: Iterable[uuid.UUID] | None, organization_id: uuid.UUID):
    """Attempts of the organization's submitted sessions, with each session's score and set size: one statement.
    The set sizes are counted for those sessions only (with `question_ids`, only those that drew one of them)."""
    wanted = None if question_ids is None else list(question_ids)
    sessions = (
        select(PanelCandidate.id)
        .join(InterviewPanel, col(InterviewPanel.id) == col(PanelCandidate.panel_id))
        .where(col(PanelCandidate.submitted_at).is_not(None), InterviewPanel.organization_id == organization_id)
    )
    if wanted is not None:
        drew = select(Answer.panel_candidate_id).where(col(Answer.question_id).in_(wanted))
        sessions = sessions.where(col(PanelCandidate.id).in_(drew))
    set_sizes = (
        select(Answer.panel_candidate_id, func.count().label("questions"))
        .where(col(Answer.panel_candidate_id).in_(sessions))
        .group_by(Answer.panel_candidate_id)
        .subquery()
    )
    statement = (
        select(
            Answer.question_id,
            Answer.panel_candidate_id,
            Answer.selected_option,
            Answer.is_correct,
            Answer.seconds_spent,
            PanelCandidate.points,
            set_sizes.c.questions,
            Answer.selected_options,
            Answer.credit,
            Answer.text_answer,
        )
        .join(PanelCandidate, col(PanelCandidate.id) == col(Answer.panel_candidate_id))
        .join(set_sizes, set_sizes.c.panel_candidate_id == col(Answer.panel_candidate_id))
    )
    if wanted is not None:
        statement = statement.where(col(Answer.question_id).in_(wanted))
    return session.exec(statement).all()


def attempts_by_question(
    session: Session, organization_id: uuid.UUID, question_ids: Iterable[uuid.UUID] | None = None
) -> dict[uuid.UUID, list[Attempt]]:
    grouped: dict[uuid.UUID, list[Attempt]] = defaultdict(list)
    for question_id, session_id, selected, is_correct, seconds, points, questions, picks, credit, text in _attempt_rows(
        session, question_ids, organization_id
    ):
        if credit is None and is_correct is None and text is not None:
            continue  # a written answer waiting for its hand score: no attempt yet
        grouped[question_id].append(
            Attempt(
                session_id=session_id,
                selected_option=selected,
                correct=bool(is_correct),
                session_score=float(points),
                session_questions=questions,
                seconds=seconds,
                picks=tuple(picks) if picks is not None else None,
                credit=credit,
                answered_text=bool(text),
            )
        )
    return grouped


def question_statistics(session: Session, *, actor: AppUser, question_id: uuid.UUID) -> ItemStats:
    """The figures of one question version of the caller's organization, archived ones too (admin or hr)."""
    organization_id = require_manager(actor, SEE_ITEM_STATISTICS)
    question = question_bank.get_scoped(session, Question, question_id, organization_id, "Question", archived_too=True)
    attempts = attempts_by_question(session, organization_id, [question.id]).get(question.id, [])
    return item_statistics(question, attempts)


@dataclass(frozen=True)
class BankRow:
    question: Question
    subtopic: str
    topic: str
    stats: ItemStats


def bank_statistics(session: Session, *, actor: AppUser) -> list[BankRow]:
    """Every question version of the organization with its figures, by topic, subtopic and creation."""
    organization_id = require_manager(actor, SEE_ITEM_STATISTICS)
    rows = session.exec(
        select(Question, SubTopic.name, Topic.name)
        .join(SubTopic, col(SubTopic.id) == col(Question.subtopic_id))
        .join(Topic, col(Topic.id) == col(SubTopic.topic_id))
        .where(Question.organization_id == organization_id)
        .order_by(col(Topic.name), col(SubTopic.name), col(Question.created_at), col(Question.id))
    ).all()
    attempts = attempts_by_question(session, organization_id)
    return [
        BankRow(question, subtopic, topic, item_statistics(question, attempts.get(question.id, [])))
        for question, subtopic, topic in rows
    ]


def visible_statistics(
    session: Session, *, actor: AppUser, questions: Sequence[Question]
) -> dict[uuid.UUID, ItemStats]:
    """The figures of the given questions (the bank page's) by question id, one statement for any number; none for
    an interviewer, who may read the bank but not how candidates did on it."""
    if actor.role not in STAFF_ROLES or not questions:
        return {}
    organization_id = require_manager(actor, SEE_ITEM_STATISTICS)
    attempts = attempts_by_question(session, organization_id, [question.id for question in questions])
    return {question.id: item_statistics(question, attempts.get(question.id, [])) for question in questions}
