"""The flat interview list (GET /api/interview-management/) read as plain columns.

Building three ORM instances a row was 60% of the time of a whole list of 10,000 interviews (cProfile:
`InstanceState.__init__`, `_populate_full`, UUID conversion); the list needs fifteen columns and no identity map.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Row, or_
from sqlmodel import Session, select

from hr_app.kit.access import organization_of
from hr_app.models import AppUser, Evaluation, Interview, JobTitle, UserCvData
from hr_app.schemas.records import FILLED_FIELDS, InterviewRow
from hr_app.services.pagination import Listing, PageRequest, fetch


def _has_evaluation() -> ColumnElement[bool]:
    """`records.has_data` in SQL: any field filled in (no evaluation row: every column is NULL)."""
    return or_(*(getattr(Evaluation, field).is_not(None) for field in FILLED_FIELDS))


def _row(columns: Row[Any]) -> InterviewRow:
    *fields, interviewer_id, first_name, last_name = columns
    # AppUser.full_name, without building the user
    interviewer_name = f"{first_name} {last_name}".strip() if interviewer_id is not None else None
    return InterviewRow(*fields, interviewer_name=interviewer_name)


def list_interview_rows(session: Session, *, actor: AppUser, page: PageRequest | None = None) -> Listing[InterviewRow]:
    """Every interview of the organization (or one page), newest first. One query, two with a page."""
    query = (
        select(
            Interview.id,
            UserCvData.name,
            UserCvData.email,
            UserCvData.phone_number,
            JobTitle.name,
            UserCvData.place,
            UserCvData.district,
            Interview.scheduled_at,
            Interview.status,
            UserCvData.status,
            _has_evaluation(),
            Interview.created_at,
            Interview.updated_at,
            AppUser.id,
            AppUser.first_name,
            AppUser.last_name,
        )
        .join(UserCvData, UserCvData.id == Interview.candidate_id)
        .outerjoin(JobTitle, JobTitle.id == UserCvData.job_title_id)
        .outerjoin(AppUser, AppUser.id == Interview.interviewer_id)
        .outerjoin(Evaluation, Evaluation.interview_id == Interview.id)
        .where(Interview.organization_id == organization_of(actor))
        .order_by(Interview.created_at.desc(), Interview.id.desc())
    )
    return fetch(session, query, page, _row)
