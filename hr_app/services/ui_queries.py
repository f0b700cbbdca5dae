"""Read-only queries the browser pages need and the other service modules do not offer (yet).

Each function takes a session and the acting user and scopes every query to the actor's
organization, like every other service. Nothing here writes.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, col, select

from hr_app.kit.access import organization_of
from hr_app.models import RATING_FIELDS, AppUser, Evaluation, Interview, StatusChange, is_lead_scorecard
from hr_app.schemas.records import InterviewRow, average_of
from hr_app.services.interview_list import InterviewFilter, list_interview_rows
from hr_app.services.interviews import get_interview
from hr_app.services.pagination import Listing, PageRequest


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


def interview_page(
    session: Session, *, actor: AppUser, matching: InterviewFilter, page: PageRequest | None
) -> Listing[ListedInterview]:
    """The interviews `matching` keeps (one page of them, or all for the CSV export) with their average rating:
    two or three column-only queries whatever the number of interviews (decision 105)."""
    rows = list_interview_rows(session, actor=actor, page=page, matching=matching)
    query = select(Evaluation.interview_id, *(getattr(Evaluation, field) for field in RATING_FIELDS)).join(
        Interview, is_lead_scorecard()
    )
    if page is None:
        query = query.where(Interview.organization_id == organization_of(actor))
    elif rows:
        query = query.where(col(Interview.id).in_([row.id for row in rows]))
    averages = {interview_id: average_of(values) for interview_id, *values in session.exec(query)} if rows else {}
    return Listing((ListedInterview(row=row, average=averages.get(row.id)) for row in rows), rows.total)


def interview_totals(session: Session, *, actor: AppUser) -> tuple[int, list[tuple[int, str]]]:
    """How many interviews the organization has, and who interviews in them (id, full name; by name). Two queries."""
    organization_id = organization_of(actor)
    total = session.exec(select(func.count()).where(Interview.organization_id == organization_id))
    people = session.exec(
        select(AppUser.id, AppUser.first_name, AppUser.last_name)
        .where(AppUser.id.in_(select(Interview.interviewer_id).where(Interview.organization_id == organization_id)))
        .order_by(func.lower(AppUser.first_name), func.lower(AppUser.last_name), AppUser.id)
    )
    return total.one(), [(user_id, f"{first} {last}".strip()) for user_id, first, last in people]
