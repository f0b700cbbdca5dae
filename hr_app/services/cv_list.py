"""The /cvs page's list: one page of the organization's CVs, searched, filtered and sorted in SQL (decision 105),
the counts per status, and the CVs a filter matches for a bulk action (decision 106).

The page reads through `pagination.fetch`, as the API's paged lists do, so a tab holds one page and never every row.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from hr_app.kit.access import organization_of
from hr_app.kit.ids import parse_uuid
from hr_app.models import AppUser, CvStatus, UserCvData
from hr_app.schemas.records import CvRecord
from hr_app.services.cvs import cv_query
from hr_app.services.pagination import Listing, PageRequest, fetch

SEARCHED = (UserCvData.name, UserCvData.email, UserCvData.phone_number, UserCvData.place)
SORTS: dict[str, tuple[Any, ...]] = {
    "name": (func.lower(UserCvData.name), UserCvData.created_at, UserCvData.id),
    "name_desc": (func.lower(UserCvData.name).desc(), UserCvData.created_at.desc(), UserCvData.id.desc()),
    "newest": (UserCvData.created_at.desc(), UserCvData.id.desc()),
    "oldest": (UserCvData.created_at, UserCvData.id),
}
DEFAULT_SORT = "name"


@dataclass(frozen=True)
class CvFilter:
    """What the page's search box, status chips, job title picker and sort ask for; the defaults keep every CV."""

    search: str = ""
    status: CvStatus | None = None
    job_title_id: int | None = None
    sort: str = DEFAULT_SORT

    def where(self, query: Any) -> Any:
        needle = self.search.strip()
        if needle:
            query = query.where(or_(*(column.icontains(needle, autoescape=True) for column in SEARCHED)))
        if self.status is not None:
            query = query.where(UserCvData.status == self.status)
        if self.job_title_id is not None:
            query = query.where(UserCvData.job_title_id == self.job_title_id)
        return query

    def ordered(self, query: Any) -> Any:
        return query.order_by(*SORTS.get(self.sort, SORTS[DEFAULT_SORT]))


def cv_page(session: Session, *, actor: AppUser, matching: CvFilter, page: PageRequest) -> Listing[CvRecord]:
    """One page of the CVs `matching` keeps, and how many it keeps. Two queries whatever the number of CVs."""
    query = matching.ordered(matching.where(cv_query(organization_of(actor))))
    return fetch(session, query, page, lambda row: CvRecord(*row))


def status_counts(session: Session, *, actor: AppUser) -> dict[str, int]:
    """The organization's CVs per status (every status, 0 when none). One query."""
    query = (
        select(UserCvData.status, func.count())
        .where(UserCvData.organization_id == organization_of(actor))
        .group_by(UserCvData.status)
    )
    counts = {status.value: 0 for status in CvStatus}
    counts.update({str(status): count for status, count in session.exec(query)})
    return counts


def matching_cvs(
    session: Session, organization_id: uuid.UUID, matching: CvFilter, limit: int
) -> list[tuple[uuid.UUID, str]]:
    """The ids and names of the CVs `matching` keeps, in the page's order, at most `limit`. One column-only query."""
    query = matching.ordered(
        matching.where(select(UserCvData.id, UserCvData.name).where(UserCvData.organization_id == organization_id))
    )
    return [(cv_id, name) for cv_id, name in session.exec(query.limit(limit))]


def existing_ids(session: Session, *, actor: AppUser, ids: list[str]) -> set[str]:
    """Which of `ids` are CVs of the organization still. One query."""
    wanted = [parsed for parsed in (parse_uuid(value) for value in ids) if parsed is not None]
    if not wanted:
        return set()
    query = select(UserCvData.id).where(
        UserCvData.organization_id == organization_of(actor), col(UserCvData.id).in_(wanted)
    )
    return {str(cv_id) for cv_id in session.exec(query)}


def matching_names(session: Session, *, actor: AppUser, matching: CvFilter, limit: int) -> list[str]:
    """The names of the CVs `matching` keeps, in the order a bulk action by filter takes them (its rows' numbers)."""
    return [name for _cv_id, name in matching_cvs(session, organization_of(actor), matching, limit)]
