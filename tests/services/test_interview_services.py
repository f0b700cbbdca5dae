"""The interview services called directly, as the Reflex UI does: same rules, no HTTP."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from hr_app.db import session_scope
from hr_app.kit.errors import Forbidden, Invalid, NotFound
from hr_app.models import Evaluation
from hr_app.schemas import records
from hr_app.services import evaluations, interviews
from tests.api.interview_support import cv_row
from tests.factories import create_cv


def _evaluation(**ratings: int | None) -> Evaluation:
    return Evaluation(**ratings)


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        ({}, None),
        ({"appearance": 8, "knowledge": 9, "confidence": 7, "attitude": 8, "communication": 9}, Decimal("8.2")),
        ({"appearance": 8, "knowledge": 9, "confidence": 8, "attitude": 8}, Decimal("8.3")),  # 8.25 rounds up
        ({"appearance": 0}, Decimal("0.0")),
    ],
)
def test_average_rating(ratings, expected):
    assert records.average_rating(_evaluation(**ratings)) == expected


def test_has_data_and_is_completed():
    assert not records.has_data(_evaluation())
    assert records.has_data(Evaluation(remark="ok"))
    assert records.has_data(Evaluation(appearance=0))
    assert not records.is_completed(_evaluation(appearance=1, knowledge=1, confidence=1, attitude=1))
    assert records.is_completed(_evaluation(appearance=0, knowledge=0, confidence=0, attitude=0, communication=0))


@pytest.mark.parametrize(
    ("data", "cleaned"),
    [
        (
            {"appearance": "8", "knowledge": 9.0, "confidence": ""},
            {"appearance": 8, "knowledge": 9, "confidence": None},
        ),
        ({"expected_salary": 1e3}, {"expected_salary": Decimal("1000.00")}),
        ({"remark": "   "}, {"remark": None}),
    ],
)
def test_clean_fields_accepts_json_and_form_values(data, cleaned):
    assert evaluations.clean_fields(data) == (cleaned, False)


def test_clean_fields_refuses_with_the_evaluation_message():
    with pytest.raises(Invalid) as error:
        evaluations.clean_fields({"attitude": "--3"})
    assert error.value.message == "Invalid evaluation data"
    assert error.value.details == {"attitude": ["A valid integer is required."]}


def test_start_update_and_delete_through_the_services(db, org, hr_user, interviewer):
    cv = create_cv(db, org)
    with session_scope() as session:
        record = interviews.start_interview(
            session,
            actor=hr_user,
            candidate_id=str(cv.id),
            scheduled_at=datetime(2025, 11, 15, 10, 0),
            interviewer_id=interviewer.id,  # only the interview's interviewers write their scorecards (issue 18)
        )
        interview_id = record.interview.id
        assert record.interview.scheduled_at.tzinfo is not None
    assert cv_row(db, cv.id).status == "ongoing"

    with session_scope() as session, pytest.raises(Forbidden):
        interviews.update_status(session, actor=interviewer, interview_id=interview_id, status="selected")

    with session_scope() as session:
        saved = evaluations.save_evaluation(
            session, actor=interviewer, interview_id=interview_id, data={"appearance": 7}
        )
        assert saved.created and records.average_rating(saved.record.evaluation) == Decimal("7.0")

    with session_scope() as session:
        interviews.delete_interview(session, actor=hr_user, interview_id=interview_id)
    assert cv_row(db, cv.id).status == "pending"

    with session_scope() as session, pytest.raises(NotFound):
        interviews.get_interview(session, actor=hr_user, interview_id=interview_id)


def test_another_organizations_user_cannot_see_the_interview(db, org, hr_user, outsider):
    cv = create_cv(db, org)
    with session_scope() as session:
        interview_id = interviews.start_interview(
            session, actor=hr_user, candidate_id=cv.id, scheduled_at=datetime(2025, 11, 15)
        ).interview.id
    with session_scope() as session:
        assert interviews.list_interviews(session, actor=outsider) == []
        with pytest.raises(NotFound):
            interviews.get_interview(session, actor=outsider, interview_id=interview_id)
