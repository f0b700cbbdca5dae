"""One candidate's profile: the CV, its current document (with the text the worker read), every interview round,
the panels the candidate sat (admin and hr only, as panels are: decision 38), its tags, source and notes, and the
CV's audit trail."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from hr_app.kit.access import STAFF_ROLES, organization_of
from hr_app.models import Answer, AppUser, AuditEntry, CvDocument, Interview, InterviewPanel, PanelCandidate, Question
from hr_app.schemas.records import CvLabels, CvNoteRecord, CvRecord, InterviewRecord
from hr_app.services import audit, cv_documents, cv_people, cvs, interviews, scorecards

HISTORY_LIMIT = 50


@dataclass(frozen=True)
class SittingAnswer:
    """One drawn question of a sitting, in the candidate's order, with the option chosen (the bank's text)."""

    position: int
    question: str
    answer: str | None
    correct: bool | None  # None until the session is submitted
    seconds: int | None  # time on screen, when recorded


@dataclass(frozen=True)
class PanelSitting:
    panel_id: uuid.UUID
    panel_name: str
    questions: int
    score: int
    opened_at: datetime | None
    submitted_at: datetime | None
    answers: list[SittingAnswer]


@dataclass(frozen=True)
class CvProfile:
    record: CvRecord
    document: CvDocument | None
    rounds: list[InterviewRecord]  # round 1 first
    panels: list[PanelSitting] | None  # None: the actor may not see panels
    history: list[AuditEntry]  # newest first, at most HISTORY_LIMIT
    labels: CvLabels
    notes: list[CvNoteRecord]  # newest first
    tag_choices: list[str]  # the organization's tags, offered when adding one


def cv_profile(session: Session, *, actor: AppUser, cv_id: uuid.UUID | str) -> CvProfile:
    """Any member of the CV's organization (another organization's or an unknown CV: 404)."""
    record = cvs.get_cv(session, actor=actor, cv_id=cv_id)
    cv = record.cv
    query = interviews.record_query(organization_of(actor)).where(Interview.candidate_id == cv.id)
    rounds = [InterviewRecord(*row) for row in session.exec(query.order_by(col(Interview.round)))]
    visibility = scorecards.visibility_of(session, organization_of(actor), [r.interview.id for r in rounds])
    rounds = scorecards.blind_records(rounds, visibility, actor.id, actor.role)
    history = audit.list_entries(session, actor=actor, obj=f"cv:{cv.id}", limit=HISTORY_LIMIT).entries
    return CvProfile(
        record=record,
        document=cv_documents.current_document(session, cv.id),
        rounds=rounds,
        panels=_panels(session, cv.id) if actor.role in STAFF_ROLES else None,
        history=history,
        labels=CvLabels(tags=cv_people.tags_of(session, [cv.id]).get(cv.id, []), source=cv.source),
        notes=cv_people.list_notes(session, actor=actor, cv_id=cv.id),
        tag_choices=cv_people.organization_tags(session, actor=actor),
    )


def _panels(session: Session, cv_id: uuid.UUID) -> list[PanelSitting]:
    """Every sitting of the CV with its answers: two statements whatever the number of panels and questions."""
    query = (
        select(PanelCandidate, InterviewPanel)
        .join(InterviewPanel, col(InterviewPanel.id) == PanelCandidate.panel_id)
        .where(PanelCandidate.candidate_id == cv_id, col(InterviewPanel.is_deleted).is_(False))
        .order_by(col(InterviewPanel.start_datetime))
    )
    sittings = session.exec(query).all()
    answers = _answers(session, [sitting.id for sitting, _panel in sittings])
    return [
        PanelSitting(
            panel_id=panel.id,
            panel_name=panel.name,
            questions=panel.total_number_of_questions,
            score=sitting.score,
            opened_at=sitting.opened_at,
            submitted_at=sitting.submitted_at,
            answers=[_sitting_answer(answer, question, sitting) for answer, question in answers.get(sitting.id, [])],
        )
        for sitting, panel in sittings
    ]


def _answers(session: Session, sitting_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[tuple[Answer, Question]]]:
    found: dict[uuid.UUID, list[tuple[Answer, Question]]] = defaultdict(list)
    if sitting_ids:
        rows = session.exec(
            select(Answer, Question)
            .join(Question, col(Question.id) == col(Answer.question_id))
            .where(col(Answer.panel_candidate_id).in_(sitting_ids))
            .order_by(col(Answer.position))
        )
        for answer, question in rows:
            found[answer.panel_candidate_id].append((answer, question))
    return found


def _sitting_answer(answer: Answer, question: Question, sitting: PanelCandidate) -> SittingAnswer:
    chosen = answer.selected_option
    text = question.options[chosen] if chosen is not None and 0 <= chosen < len(question.options) else None
    return SittingAnswer(
        position=answer.position,
        question=question.text,
        answer=text,
        correct=answer.is_correct if sitting.submitted_at is not None else None,
        seconds=answer.seconds_spent,
    )
