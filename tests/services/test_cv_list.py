"""The /cvs page's list in SQL (decision 105) and bulk actions by filter (decision 106)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from hr_app.kit.errors import Invalid
from hr_app.models import CvStatus
from hr_app.services import bulk, cv_list
from hr_app.services.cv_list import CvFilter
from hr_app.services.pagination import PageRequest
from tests.factories import create_cv, create_job_title, row_counts


def _names(db, actor, matching: CvFilter, page: int = 1, size: int = 2) -> tuple[list[str], int]:
    listing = cv_list.cv_page(db, actor=actor, matching=matching, page=PageRequest(page, size))
    return [record.cv.name for record in listing], listing.total


def test_search_status_job_title_and_sort_in_sql(db, org, other_org, hr_user):
    backend = create_job_title(db, org, "Backend")
    create_cv(db, org, name="anna Rao", email="anna@mail.test", place="Kochi", job_title=backend)
    create_cv(db, org, name="Bala 100%", place="Thrissur", status=CvStatus.SELECTED.value)
    create_cv(db, org, name="Chitra", email="c_k@mail.test", place="Kochi", job_title=backend)
    create_cv(db, other_org, name="Anna Elsewhere", place="Kochi")
    assert _names(db, hr_user, CvFilter()) == (["anna Rao", "Bala 100%"], 3)  # any case, the organization's only
    assert _names(db, hr_user, CvFilter(), page=2) == (["Chitra"], 3)
    assert _names(db, hr_user, CvFilter(search=" KOCHI ")) == (["anna Rao", "Chitra"], 2)
    assert _names(db, hr_user, CvFilter(search="%")) == (["Bala 100%"], 1)  # LIKE's wildcards are plain text
    assert _names(db, hr_user, CvFilter(search="c_k")) == (["Chitra"], 1)
    assert _names(db, hr_user, CvFilter(status=CvStatus.SELECTED)) == (["Bala 100%"], 1)
    assert _names(db, hr_user, CvFilter(job_title_id=backend.id, sort="name_desc")) == (["Chitra", "anna Rao"], 2)
    assert _names(db, hr_user, CvFilter(sort="newest"), size=1) == (["Chitra"], 3)
    assert cv_list.status_counts(db, actor=hr_user) == {"pending": 2, "ongoing": 0, "selected": 1, "rejected": 0}


def test_bulk_by_filter_takes_every_match_or_refuses_with_nothing_changed(
    db, org, hr_user, interviewer, monkeypatch: pytest.MonkeyPatch
):
    for number in range(4):
        create_cv(db, org, name=f"Kochi {number}", place="Kochi")
    create_cv(db, org, name="Thrissur", place="Thrissur")
    before = row_counts(db)
    with pytest.raises(Invalid) as nothing:
        bulk.bulk_reject(db, actor=hr_user, remark=None, matching=CvFilter(search="Mumbai"))
    assert nothing.value.field_errors == {"candidate_ids": ["No CV matches these filters."]}
    monkeypatch.setattr(bulk, "MAX_MATCHING_ROWS", 3)
    with pytest.raises(Invalid) as too_many:
        bulk.bulk_start(
            db,
            actor=hr_user,
            interviewer_id=interviewer.id,
            first_slot=datetime(2030, 1, 1, 9, tzinfo=UTC),
            matching=CvFilter(search="kochi"),
        )
    assert too_many.value.field_errors == {"candidate_ids": ["More than 3 CVs match: narrow the filters."]}
    assert row_counts(db) == before
    monkeypatch.setattr(bulk, "MAX_MATCHING_ROWS", 4)
    rejected = bulk.bulk_reject(db, actor=hr_user, remark="Later", matching=CvFilter(search="kochi"))
    assert sorted(cv.name for cv in rejected) == ["Kochi 0", "Kochi 1", "Kochi 2", "Kochi 3"]
    assert cv_list.status_counts(db, actor=hr_user)["rejected"] == 4
