"""The flat interview list (GET /api/interview-management/) read as plain columns.

Building three ORM instances a row was 60% of the time of a whole list of 10,000 interviews (cProfile:
`InstanceState.__init__`, `_populate_full`, UUID conversion); the list needs fifteen columns and no identity map.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Row, String, and_, or_, type_coerce
from sqlmodel import Session, select
from sqlmodel.sql.expression import Select

from hr_app.kit.access import organization_of
from hr_app.models import (
    RATING_FIELDS,
    AppUser,
    CvStatus,
    Evaluation,
    Interview,
    InterviewStatus,
    JobTitle,
    UserCvData,
    is_lead_scorecard,
)
from hr_app.schemas.records import FILLED_FIELDS, InterviewRow
from hr_app.services.pagination import Listing, PageRequest, fetch
from hr_app.services.sql_text import utc_text, uuid_text


def _has_evaluation() -> ColumnElement[bool]:
    """`records.has_data` in SQL: any field filled in (no evaluation row: every column is NULL)."""
    return or_(*(getattr(Evaluation, field).is_not(None) for field in FILLED_FIELDS))


def _row(columns: Row[Any]) -> InterviewRow:
    *fields, round_number, interviewer_id, first_name, last_name = columns
    # AppUser.full_name, without building the user
    interviewer_name = f"{first_name} {last_name}".strip() if interviewer_id is not None else None
    return InterviewRow(*fields, interviewer_name=interviewer_name, round=round_number)


@dataclass(frozen=True)
class InterviewFilter:
    """What the /interviews page asks for (decision 105): a search in the candidate's name, e-mail and place, a
    status, an interviewer (or only the unassigned) and the date order. The defaults keep every interview."""

    search: str = ""
    status: InterviewStatus | None = None
    interviewer_id: int | None = None
    unassigned: bool = False
    newest_first: bool = True

    def where(self, query: Any) -> Any:
        needle = self.search.strip()
        if needle:
            searched = (UserCvData.name, UserCvData.email, UserCvData.place)
            query = query.where(or_(*(column.icontains(needle, autoescape=True) for column in searched)))
        if self.status is not None:
            query = query.where(Interview.status == self.status)
        if self.unassigned:
            query = query.where(Interview.interviewer_id.is_(None))
        elif self.interviewer_id is not None:
            query = query.where(Interview.interviewer_id == self.interviewer_id)
        return query

    def order(self) -> tuple[Any, ...]:
        if self.newest_first:
            return Interview.scheduled_at.desc(), Interview.created_at.desc(), Interview.id.desc()
        return Interview.scheduled_at, Interview.created_at, Interview.id


def list_interview_rows(
    session: Session,
    *,
    actor: AppUser,
    page: PageRequest | None = None,
    matching: InterviewFilter | None = None,
) -> Listing[InterviewRow]:
    """Every interview of the organization (or one page), newest first, or those `matching` keeps in its order.
    One query, two with a page."""
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
            Interview.round,
            AppUser.id,
            AppUser.first_name,
            AppUser.last_name,
        )
        .join(UserCvData, UserCvData.id == Interview.candidate_id)
        .outerjoin(JobTitle, JobTitle.id == UserCvData.job_title_id)
        .outerjoin(AppUser, AppUser.id == Interview.interviewer_id)
        .outerjoin(Evaluation, is_lead_scorecard())
        .where(Interview.organization_id == organization_of(actor))
    )
    if matching is None:
        query = query.order_by(Interview.created_at.desc(), Interview.id.desc())
    else:
        query = matching.where(query).order_by(*matching.order())
    return fetch(session, query, page, _row)


# --- the API's lists, as JSON values (decision 54) ----------------------------------------------------------


def _interviewer_name(interviewer_id: int | None, first_name: str | None, last_name: str | None) -> str | None:
    return f"{first_name} {last_name}".strip() if interviewer_id is not None else None  # AppUser.full_name


def _list_item(row: Row[Any]) -> dict[str, Any]:
    (id_, name, email, phone, job_title, place, district, scheduled, status, cv_status, has_evaluation, created,
     updated, interviewer_id, first_name, last_name, round_number) = row  # fmt: skip
    item = {
        "id": id_,
        "candidate_name": name,
        "candidate_email": email,
        "candidate_phone": phone,
        "job_title": job_title,
        "place": place,
        "district": district,
        "interviewer_name": _interviewer_name(interviewer_id, first_name, last_name),
        "scheduled_at": scheduled,
        "status": status,
        "cv_status": cv_status,
        "has_evaluation": has_evaluation,
        "created_at": created,
        "updated_at": updated,
    }
    if round_number > 1:  # beyond the spec, as in the interview object: a first interview is the spec's row exactly
        item["round"] = round_number
    return item


def list_items_query(organization_id: uuid.UUID) -> Select[Any]:
    """The select of `list_interview_items` (bench/floor.py runs it through the bare driver)."""
    return (
        select(
            uuid_text(Interview.id),
            UserCvData.name,
            UserCvData.email,
            UserCvData.phone_number,
            JobTitle.name,
            UserCvData.place,
            UserCvData.district,
            utc_text(Interview.scheduled_at),
            type_coerce(Interview.status, String).label("interview_status"),
            type_coerce(UserCvData.status, String).label("cv_status"),
            _has_evaluation(),
            utc_text(Interview.created_at),
            utc_text(Interview.updated_at),
            AppUser.id,
            AppUser.first_name,
            AppUser.last_name,
            Interview.round,
        )
        .join(UserCvData, UserCvData.id == Interview.candidate_id)
        .outerjoin(JobTitle, JobTitle.id == UserCvData.job_title_id)
        .outerjoin(AppUser, AppUser.id == Interview.interviewer_id)
        .outerjoin(Evaluation, is_lead_scorecard())
        .where(Interview.organization_id == organization_id)
        .order_by(Interview.created_at.desc(), Interview.id.desc())
    )


def list_interview_items(
    session: Session, *, actor: AppUser, page: PageRequest | None = None
) -> Listing[dict[str, Any]]:
    """`list_interview_rows` as the API's InterviewListItem objects, every value already JSON: the database writes
    the ids and timestamps as text, so no row becomes a Python object on the way. One query, two with a page."""
    return fetch(session, list_items_query(organization_of(actor)), page, _list_item, columns_only=True)


def _evaluation_completed() -> ColumnElement[bool]:
    """`records.is_completed` in SQL: all five ratings given (no evaluation row: every column is NULL)."""
    return and_(*(getattr(Evaluation, field).is_not(None) for field in RATING_FIELDS))


def _ongoing_item(row: Row[Any]) -> dict[str, Any]:
    (id_, cv_id, name, job_title_id, job_title, place, email, phone, cv_status, interviewer_id, first_name, last_name,
     scheduled, status, completed, created, updated) = row  # fmt: skip
    return {
        "id": id_,
        "candidate": {
            "id": cv_id,
            "name": name,
            "job_title": job_title_id,
            "job_title_name": job_title,
            "place": place,
            "email": email,
            "phone_number": phone,
            "interview_status": cv_status,
        },
        "interviewer_name": _interviewer_name(interviewer_id, first_name, last_name),
        "scheduled_at": scheduled,
        "status": status,
        "evaluation_completed": completed,
        "created_at": created,
        "updated_at": updated,
    }


def ongoing_items_query(organization_id: uuid.UUID) -> Select[Any]:
    """The select of `list_ongoing_items`."""
    return (
        select(
            uuid_text(Interview.id),
            uuid_text(UserCvData.id),
            UserCvData.name,
            UserCvData.job_title_id,
            JobTitle.name,
            UserCvData.place,
            UserCvData.email,
            UserCvData.phone_number,
            type_coerce(UserCvData.status, String).label("cv_status"),
            AppUser.id,
            AppUser.first_name,
            AppUser.last_name,
            utc_text(Interview.scheduled_at),
            type_coerce(Interview.status, String).label("interview_status"),
            _evaluation_completed(),
            utc_text(Interview.created_at),
            utc_text(Interview.updated_at),
        )
        .join(UserCvData, UserCvData.id == Interview.candidate_id)
        .outerjoin(JobTitle, JobTitle.id == UserCvData.job_title_id)
        .outerjoin(AppUser, AppUser.id == Interview.interviewer_id)
        .outerjoin(Evaluation, is_lead_scorecard())
        .where(
            Interview.organization_id == organization_id,
            UserCvData.status == CvStatus.ONGOING,
            Interview.status == InterviewStatus.PENDING,  # the CV's current round, not its earlier ones
        )
        .order_by(Interview.created_at.desc(), Interview.id.desc())
    )


def list_ongoing_items(session: Session, *, actor: AppUser, page: PageRequest | None = None) -> Listing[dict[str, Any]]:
    """`interviews.list_ongoing_interviews` as the API's OngoingInterviewOut objects, every value already JSON.
    One query, two with a page."""
    return fetch(session, ongoing_items_query(organization_of(actor)), page, _ongoing_item, columns_only=True)
