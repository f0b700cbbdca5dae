"""The column-only interview list agrees with the ORM read it replaced, row for row."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hr_app.db import session_scope
from hr_app.models import InterviewStatus
from hr_app.schemas.records import row_of
from hr_app.services import evaluations, interview_list, interviews
from hr_app.services.interview_list import InterviewFilter
from hr_app.services.pagination import PageRequest
from tests.factories import create_cv, create_job_title

EVALUATIONS = [
    None,  # the empty evaluation a start creates
    {"appearance": 0},  # a zero rating counts as filled in
    {"remark": "Strong on SQL"},
    {"expected_salary": "55000"},
]


def _start_four(db, org, hr_user, interviewer) -> list:
    title = create_job_title(db, org, "Data Engineer")
    ids = []
    for index, data in enumerate(EVALUATIONS):
        cv = create_cv(db, org, name=f"Candidate {index}", **({"job_title": title} if index % 2 else {}))
        with session_scope() as session:
            record = interviews.start_interview(
                session,
                actor=hr_user,
                candidate_id=cv.id,
                scheduled_at=datetime(2026, 3, 2, 9, tzinfo=UTC) + timedelta(hours=index),
                interviewer_id=interviewer.id if index % 2 == 0 else None,
            )
            ids.append(record.interview.id)
        if data is not None:
            with session_scope() as session:
                evaluations.save_evaluation(session, actor=hr_user, interview_id=ids[-1], data=data)
    return ids


def test_rows_equal_the_rows_built_from_full_records(db, org, hr_user, interviewer):
    ids = _start_four(db, org, hr_user, interviewer)
    with session_scope() as session:
        rows = list(interview_list.list_interview_rows(session, actor=hr_user))
        expected = [row_of(record) for record in interviews.list_interviews(session, actor=hr_user)]
    assert rows == expected
    assert [row.id for row in rows] == list(reversed(ids))  # newest first
    assert [row.has_evaluation for row in rows] == [True, True, True, False]
    assert [row.interviewer_name for row in rows] == [None, interviewer.full_name, None, interviewer.full_name]
    assert [row.job_title == "Data Engineer" for row in rows] == [True, False, True, False]


def test_a_page_and_its_total(db, org, hr_user, interviewer):
    ids = _start_four(db, org, hr_user, interviewer)
    with session_scope() as session:
        page = interview_list.list_interview_rows(session, actor=hr_user, page=PageRequest(page=2, size=3))
    assert page.total == 4
    assert [row.id for row in page] == [ids[0]]


def test_another_organization_sees_none(db, org, hr_user, interviewer, outsider):
    _start_four(db, org, hr_user, interviewer)
    with session_scope() as session:
        assert list(interview_list.list_interview_rows(session, actor=outsider)) == []


def test_the_pages_filter_searches_filters_and_sorts_in_sql(db, org, hr_user, interviewer, outsider):
    """The /interviews page's filter (decision 105): the candidate's name, e-mail or place; a status; an interviewer
    or only the unassigned; the date order. Another organization's interviews never match."""
    ids = _start_four(db, org, hr_user, interviewer)

    def found(matching: InterviewFilter, actor=hr_user) -> list:
        with session_scope() as session:
            return [row.id for row in interview_list.list_interview_rows(session, actor=actor, matching=matching)]

    assert found(InterviewFilter()) == list(reversed(ids))  # latest date first
    assert found(InterviewFilter(newest_first=False)) == ids
    assert found(InterviewFilter(search="CANDIDATE 2")) == [ids[2]]
    assert found(InterviewFilter(search="%")) == []  # LIKE's wildcards are plain text
    assert found(InterviewFilter(interviewer_id=interviewer.id)) == [ids[2], ids[0]]
    assert found(InterviewFilter(unassigned=True, newest_first=False)) == [ids[1], ids[3]]
    assert found(InterviewFilter(status=InterviewStatus.SELECTED)) == []
    assert found(InterviewFilter(), actor=outsider) == []
