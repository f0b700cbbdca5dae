"""CSV exports: interviews with their evaluations, one panel's results, and the question bank's item analysis.

Admin or hr only (they carry salaries and scores). Every text cell that a spreadsheet would run as a
formula (starting with = + - @, a tab or a carriage return) is prefixed with a single quote.
Files are UTF-8 with a BOM (so Excel reads accents right), CRLF line ends. Fixed number of queries.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterable
from decimal import Decimal

from sqlalchemy import case, func
from sqlmodel import Session, col, select

from hr_app.kit.access import require_manager, require_staff
from hr_app.models import (
    RATING_FIELDS,
    Answer,
    AppUser,
    Difficulty,
    InterviewPanel,
    PanelCandidate,
    Question,
    UserCvData,
)
from hr_app.schemas.common import format_utc
from hr_app.schemas.panels import CandidateProgress, SessionState
from hr_app.schemas.records import ItemStats, average_rating
from hr_app.services import interviews, item_analysis, panels
from hr_app.services.question_scoring import WAITING_FOR_HAND_SCORING

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

INTERVIEW_HEADER = (
    "interview_id",
    "candidate_name",
    "candidate_email",
    "candidate_phone",
    "job_title",
    "place",
    "district",
    "interviewer",
    "scheduled_at",
    "status",
    "cv_status",
    *RATING_FIELDS,
    "average_rating",
    "languages",
    "expected_salary",
    "experience",
    "remark",
    "has_voice_note",
    "created_at",
    "updated_at",
)
PANEL_HEADER = (
    "candidate_id",
    "candidate_name",
    "candidate_email",
    "state",
    "answered",
    "questions",
    "score",
    "percent",
    "passed",
    *(f"{level}_correct" for level in Difficulty),
    *(f"{level}_total" for level in Difficulty),
    "opened_at",
    "submitted_at",
)


def safe_cell(value: object) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([safe_cell(value) for value in row] for row in rows)
    return BOM + buffer.getvalue()


def passed(points: Decimal | int, questions: int, pass_mark: int) -> bool:
    """The dashboard's and the export's pass rule: points of at least the panel's pass mark (per cent) of its
    questions (a partly right answer counts its share, decision 117)."""
    return questions > 0 and Decimal(points) * 100 >= questions * pass_mark


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def interviews_csv(session: Session, *, actor: AppUser) -> str:
    """Every interview of the organization, newest first, with its evaluation's columns. One query."""
    require_staff(actor)
    rows = []
    for record in interviews.list_interviews(session, actor=actor):
        interview, cv, evaluation = record.interview, record.candidate, record.evaluation
        average = average_rating(evaluation)
        rows.append(
            [
                interview.id,
                cv.name,
                cv.email,
                cv.phone_number,
                record.job_title_name,
                cv.place,
                cv.district,
                record.interviewer.full_name if record.interviewer else None,
                format_utc(interview.scheduled_at),
                interview.status,
                cv.status,
                *(getattr(evaluation, name) if evaluation else None for name in RATING_FIELDS),
                average,
                evaluation.languages if evaluation else None,
                f"{evaluation.expected_salary:.2f}" if evaluation and evaluation.expected_salary is not None else None,
                evaluation.experience if evaluation else None,
                evaluation.remark if evaluation else None,
                "yes" if evaluation and evaluation.voice_note_file else "no",
                format_utc(interview.created_at),
                format_utc(interview.updated_at),
            ]
        )
    return to_csv(INTERVIEW_HEADER, rows)


def breakdown_by_candidate(session: Session, panel_id: uuid.UUID) -> dict[uuid.UUID, dict[str, tuple[int, int]]]:
    """Per candidate and difficulty: (correct, drawn). One query."""
    correct = func.sum(case((col(Answer.is_correct).is_(True), 1), else_=0))
    rows = session.exec(
        select(Answer.panel_candidate_id, Question.difficulty, correct, func.count())
        .join(Question, col(Question.id) == Answer.question_id)
        .join(PanelCandidate, col(PanelCandidate.id) == Answer.panel_candidate_id)
        .where(PanelCandidate.panel_id == panel_id)
        .group_by(Answer.panel_candidate_id, Question.difficulty)
    ).all()
    result: dict[uuid.UUID, dict[str, tuple[int, int]]] = {}
    for candidate_id, difficulty, right, drawn in rows:
        result.setdefault(candidate_id, {})[difficulty] = (int(right or 0), int(drawn))
    return result


def _panel_row(panel: InterviewPanel, item: CandidateProgress, breakdown: dict[str, tuple[int, int]]) -> list[object]:
    candidate, submitted = item.candidate, item.state == SessionState.SUBMITTED
    levels = [breakdown.get(level, (0, 0)) for level in Difficulty]
    scored = submitted and not candidate.hand_scoring_pending  # a written answer waiting: no score, no verdict yet
    percent = round(100 * float(candidate.points) / item.total, 1) if scored and item.total else None
    return [
        item.cv.id,
        item.cv.name,
        item.cv.email,
        item.state.value,
        item.answered,
        item.total,
        (candidate.score if scored else WAITING_FOR_HAND_SCORING) if submitted else None,
        percent,
        _yes_no(passed(candidate.points, panel.total_number_of_questions, panel.pass_mark)) if scored else None,
        *((right if submitted else None) for right, _ in levels),
        *(drawn for _, drawn in levels),
        format_utc(candidate.opened_at) if candidate.opened_at else None,
        format_utc(candidate.submitted_at) if candidate.submitted_at else None,
    ]


def panel_results_csv(session: Session, *, actor: AppUser, panel_id: uuid.UUID) -> tuple[InterviewPanel, str]:
    """One row per candidate (by name): state, progress, score, pass and the per-difficulty breakdown.

    Score, percent, passed and the correct counts are filled only once a session is submitted.
    """
    require_manager(actor, "export interview panel results")
    panel, progress = panels.panel_results(session, actor=actor, panel_id=panel_id)
    breakdown = breakdown_by_candidate(session, panel.id)
    rows = [_panel_row(panel, item, breakdown.get(item.candidate.id, {})) for item in progress]
    return panel, to_csv(PANEL_HEADER, rows)


ITEM_STATISTICS_HEADER = (
    "question_uuid",
    "topic",
    "subtopic",
    "question",
    "difficulty",
    "version",
    "archived",
    "attempts",
    "facility",
    "point_biserial",
    "upper_lower_index",
    "mean_seconds",
    "unanswered_rate",
    "option_pick_rates",
    "flags",
)


def _pick_rates(stats: ItemStats) -> str:
    """`1: 0.4 (correct); 2: 0.3; ...` in the bank's option order, numbered from 1 as the editor shows them."""
    return "; ".join(
        f"{option.index + 1}: {'' if option.pick_rate is None else option.pick_rate}"
        + (" (correct)" if option.correct else "")
        for option in stats.options
    )


def item_statistics_csv(session: Session, *, actor: AppUser) -> str:
    """Every question version of the bank with its item analysis (admin or hr). Fixed number of queries."""
    rows = [
        (
            row.question.id,
            row.topic,
            row.subtopic,
            row.question.text,
            row.question.difficulty,
            row.question.version,
            "yes" if row.question.is_archived else "no",
            row.stats.attempts,
            row.stats.facility,
            row.stats.point_biserial,
            row.stats.upper_lower_index,
            row.stats.mean_seconds,
            row.stats.unanswered_rate,
            _pick_rates(row.stats),
            " ".join(row.stats.flags),
        )
        for row in item_analysis.bank_statistics(session, actor=actor)
    ]
    return to_csv(ITEM_STATISTICS_HEADER, rows)


PANEL_ANSWERS_HEADER = (
    "candidate_id",
    "candidate_name",
    "email",
    "position",
    "question_uuid",
    "question",
    "difficulty",
    "answer",
    "correct",
    "first_shown_at",
    "last_changed_at",
    "seconds_spent",
)


def _answer_row(answer: Answer, question: Question, cv: UserCvData, candidate: PanelCandidate) -> list[object]:
    chosen = answer.selected_option
    return [
        cv.id,
        cv.name,
        cv.email,
        answer.position,
        question.id,
        question.text,
        question.difficulty,
        question.options[chosen] if chosen is not None and chosen < len(question.options) else None,
        _yes_no(answer.is_correct) if candidate.submitted_at is not None else None,
        format_utc(answer.first_shown_at) if answer.first_shown_at else None,
        format_utc(answer.answered_at) if answer.answered_at else None,
        answer.seconds_spent,
    ]


def panel_answers_csv(session: Session, *, actor: AppUser, panel_id: uuid.UUID) -> tuple[InterviewPanel, str]:
    """One row per candidate and drawn question (by name, then the candidate's order): the option chosen (the
    bank's text, whatever order the candidate saw), right or wrong once submitted, when the question was first
    shown, when the answer last changed, and the seconds it was on screen. A fixed number of statements."""
    panel = panels.get_panel(session, actor=actor, panel_id=panel_id).panel
    rows = session.exec(
        select(Answer, Question, UserCvData, PanelCandidate)
        .join(Question, col(Question.id) == col(Answer.question_id))
        .join(PanelCandidate, col(PanelCandidate.id) == col(Answer.panel_candidate_id))
        .join(UserCvData, col(UserCvData.id) == col(PanelCandidate.candidate_id))
        .where(PanelCandidate.panel_id == panel.id)
        .order_by(col(UserCvData.name), col(PanelCandidate.id), col(Answer.position))
    ).all()
    return panel, to_csv(PANEL_ANSWERS_HEADER, (_answer_row(*row) for row in rows))
