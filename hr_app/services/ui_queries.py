"""Read-only queries the browser pages need and the other service modules do not offer (yet).

Each function takes a session and the acting user and scopes every query to the actor's
organization, like every other service. Nothing here writes.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlmodel import Session, select

from hr_app.kit.access import organization_of
from hr_app.models import RATING_FIELDS, AppUser, Evaluation, Interview, StatusChange, is_lead_scorecard
from hr_app.schemas.records import InterviewRow, average_of
from hr_app.services.interview_list import list_interview_rows
from hr_app.services.interviews import get_interview


@dataclass(frozen=True)
class HistoryEntry:
    from_status: str
    to_status: str
    remark: str | None
    changed_by: str | None
    created_at: datetime


def status_history(session: Session, *, actor: AppUser, interview_id: uuid.UUID | str) -> list[HistoryEntry]:
    """The status changes of one interview of the actor's organization, oldest first (404 if foreign)."""
    interview = get_interview(session, actor=actor, interview_id=interview_id).interview
    query = (
        select(StatusChange, AppUser)
        .outerjoin(AppUser, AppUser.id == StatusChange.changed_by_id)
        .where(StatusChange.interview_id == interview.id, StatusChange.organization_id == interview.organization_id)
        .order_by(StatusChange.created_at, StatusChange.id)
    )
    return [
        HistoryEntry(
            from_status=change.from_status,
            to_status=change.to_status,
            remark=change.remark,
            changed_by=user.full_name if user else None,
            created_at=change.created_at,
        )
        for change, user in session.exec(query)
    ]


@dataclass(frozen=True, slots=True)
class ListedInterview:
    """A row of the /interviews page: the API's column-only row and its average rating."""

    row: InterviewRow
    average: Decimal | None


def interview_list(session: Session, *, actor: AppUser) -> list[ListedInterview]:
    """Every interview of the organization with its average rating: two column-only queries, no ORM rows
    (the page holds thousands of them)."""
    rows = list(list_interview_rows(session, actor=actor))
    ratings = session.exec(
        select(Evaluation.interview_id, *(getattr(Evaluation, field) for field in RATING_FIELDS))
        .join(Interview, is_lead_scorecard())
        .where(Interview.organization_id == organization_of(actor))
    ).all()
    averages = {interview_id: average_of(values) for interview_id, *values in ratings}
    return [ListedInterview(row=row, average=averages.get(row.id)) for row in rows]
