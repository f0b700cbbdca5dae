"""HR scores free-text answers by hand (issue 19, decision 119).

A submitted session with written answers waits (`panel_candidate.hand_scoring_pending`): its score and points count
those answers as 0 until HR (admin or hr) gives each one 0 to HAND_SCORE_MAX points. Each scoring re-grades the
session from its stored answers, so the score, the points and the wait are always those of the answers; a score
may be changed later (the trail keeps both). Blank answers earn 0 at once and are not scored by hand.
"""

from __future__ import annotations

import uuid

from sqlmodel import Session, col, select

from hr_app.kit.access import require_manager
from hr_app.kit.errors import Invalid
from hr_app.kit.limits import HAND_SCORE_MAX, HAND_SCORE_MIN
from hr_app.kit.time import utcnow
from hr_app.models import Answer, AppUser, InterviewPanel, PanelCandidate, Question, QuestionType, UserCvData
from hr_app.schemas.records import WrittenAnswer
from hr_app.services import audit, events, panel_sessions, panels, question_scoring

SCORE_ANSWERS = "score written answers"
NOT_WRITTEN = "Only a free-text answer is scored by hand."
NOT_SUBMITTED = "The session has not been submitted yet"
BLANK = "A blank answer earns 0 without hand scoring."
NOT_IN_SET = "This question is not part of the candidate's session."


def _panel(session: Session, actor: AppUser, panel_id: uuid.UUID) -> InterviewPanel:
    organization_id = require_manager(actor, SCORE_ANSWERS)
    return panels.scoped_panel(session, organization_id, panel_id)


def written_answers(session: Session, *, actor: AppUser, panel_id: uuid.UUID) -> list[WrittenAnswer]:
    """Every written answer of the panel's submitted sessions (one statement), by candidate name and position."""
    panel = _panel(session, actor, panel_id)
    rows = session.exec(
        select(Answer, Question.text, UserCvData, PanelCandidate.submitted_at)
        .join(Question, col(Question.id) == Answer.question_id)
        .join(PanelCandidate, col(PanelCandidate.id) == Answer.panel_candidate_id)
        .join(UserCvData, col(UserCvData.id) == PanelCandidate.candidate_id)
        .where(
            PanelCandidate.panel_id == panel.id,
            col(PanelCandidate.submitted_at).is_not(None),
            Question.question_type == QuestionType.FREE_TEXT,
            col(Answer.text_answer).is_not(None),
        )
        .order_by(col(UserCvData.name), col(UserCvData.id), col(Answer.position))
    ).all()
    scorers = _scorer_names(session, {answer.scored_by_id for answer, *_ in rows if answer.scored_by_id})
    return [
        WrittenAnswer(
            candidate_id=cv.id,
            candidate_name=cv.name,
            question_id=answer.question_id,
            position=answer.position,
            question_text=text,
            answer_text=answer.text_answer or "",
            hand_score=answer.hand_score,
            scored_by=scorers.get(answer.scored_by_id) if answer.scored_by_id else None,
            scored_at=answer.scored_at,
        )
        for answer, text, cv, _submitted in rows
    ]


def _scorer_names(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return {user.id: user.full_name for user in session.exec(select(AppUser).where(col(AppUser.id).in_(ids)))}


def score_answer(
    session: Session,
    *,
    actor: AppUser,
    panel_id: uuid.UUID,
    candidate_id: uuid.UUID,
    question_id: uuid.UUID,
    score: int,
) -> tuple[PanelCandidate, Answer]:
    """Give one written answer of a submitted session `score` points (0 to HAND_SCORE_MAX), re-grade the session,
    and record who scored it (audited on the panel, with the score before)."""
    panel = _panel(session, actor, panel_id)
    candidate, cv = panels.locked_candidate(session, panel, candidate_id)
    if candidate.submitted_at is None:
        raise Invalid(NOT_SUBMITTED, {"non_field_errors": ["Answers are scored once the candidate has submitted."]})
    if not HAND_SCORE_MIN <= score <= HAND_SCORE_MAX:  # the request shape bounds it too; the rule is here
        raise Invalid.on("score", f"Must be from {HAND_SCORE_MIN} to {HAND_SCORE_MAX}.")
    drawn = panel_sessions.load_drawn(session, candidate.id)
    item = next((item for item in drawn if item.question.id == question_id), None)
    if item is None:
        raise Invalid.on("question_uuid", NOT_IN_SET)
    if question_scoring.type_of(item.question) != QuestionType.FREE_TEXT:
        raise Invalid.on("question_uuid", NOT_WRITTEN)
    if not (item.answer.text_answer or "").strip():
        raise Invalid.on("question_uuid", BLANK)
    before = item.answer.hand_score
    item.answer.hand_score, item.answer.scored_by_id, item.answer.scored_at = score, actor.id, utcnow()
    panel_sessions.grade(candidate, drawn)
    session.flush()
    audit.record(
        session,
        actor,
        audit.ObjectType.PANEL,
        panel.id,
        "answer_hand_scored",
        {"hand_score": before},
        {
            "candidate": cv.name,
            "candidate_uuid": str(cv.id),
            "question_uuid": str(question_id),
            "hand_score": score,
            "score": candidate.score,
            "points": str(candidate.points),
            "hand_scoring_pending": candidate.hand_scoring_pending,
        },
    )
    events.publish(session, panel.organization_id, events.Topic.PANELS)
    return candidate, item.answer
