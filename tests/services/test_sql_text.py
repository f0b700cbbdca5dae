"""The lists read as text (decision 54) write the very bytes the models wrote, on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import select, update

from hr_app.db import session_scope
from hr_app.models import CvStatus, Interview, UserCvData
from hr_app.schemas.common import Envelope, envelope_json, format_utc
from hr_app.schemas.interviews import InterviewListItem, OngoingInterviewOut
from hr_app.services import evaluations, interview_list, interviews
from hr_app.services.pagination import PageRequest
from hr_app.services.sql_text import utc_text, uuid_text
from tests.services.test_interview_list import _start_four

EDGE_TIMES = [
    datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),  # the fraction is cut, never rounded up
    datetime(2026, 1, 1, 0, 0, 0, tzinfo=UTC),
    datetime(1999, 7, 4, 5, 6, 7, 500000, tzinfo=UTC),
]


def _old_list_json(session, actor, page=None) -> bytes:
    rows = interview_list.list_interview_rows(session, actor=actor, page=page)
    data = [InterviewListItem.of(row) for row in rows]
    return Envelope(message="m", data=data).model_dump_json().encode()


def _old_ongoing_json(session, actor) -> bytes:
    data = [OngoingInterviewOut.of(record) for record in interviews.list_ongoing_interviews(session, actor=actor)]
    return Envelope(message="m", data=data).model_dump_json().encode()


def _make_edges(db, org, hr_user, interviewer) -> list[uuid.UUID]:
    ids = _start_four(db, org, hr_user, interviewer)
    with session_scope() as session:
        for interview_id, moment in zip(ids, EDGE_TIMES, strict=False):
            session.execute(
                update(Interview).where(Interview.id == interview_id).values(scheduled_at=moment, updated_at=moment)
            )
        cv_id = session.get(Interview, ids[0]).candidate_id
        session.execute(update(UserCvData).where(UserCvData.id == cv_id).values(name='Zoë "Q" \\ \u2028 \t'))
        evaluations.save_evaluation(
            session,
            actor=hr_user,
            interview_id=ids[1],
            data={name: 7 for name in ("appearance", "knowledge", "confidence", "attitude", "communication")},
        )
    return ids


def test_the_whole_list_and_a_page_are_the_same_bytes(db, org, hr_user, interviewer):
    _make_edges(db, org, hr_user, interviewer)
    with session_scope() as session:
        assert envelope_json("m", interview_list.list_interview_items(session, actor=hr_user)) == _old_list_json(
            session, hr_user
        )
        page = PageRequest(page=2, size=3)
        items = interview_list.list_interview_items(session, actor=hr_user, page=page)
        assert items.total == 4
        assert envelope_json("m", items) == _old_list_json(session, hr_user, page)


def test_the_ongoing_list_is_the_same_bytes(db, org, hr_user, interviewer):
    ids = _make_edges(db, org, hr_user, interviewer)
    with session_scope() as session:
        items = interview_list.list_ongoing_items(session, actor=hr_user)
        assert len(items) == 4
        assert [item["evaluation_completed"] for item in items] == [False, False, True, False]
        assert envelope_json("m", items) == _old_ongoing_json(session, hr_user)
        cv_id = session.get(Interview, ids[2]).candidate_id
        session.execute(update(UserCvData).where(UserCvData.id == cv_id).values(status=CvStatus.SELECTED))
        assert len(interview_list.list_ongoing_items(session, actor=hr_user)) == 3
        assert envelope_json("m", interview_list.list_ongoing_items(session, actor=hr_user)) == _old_ongoing_json(
            session, hr_user
        )


def test_another_organization_sees_none(db, org, hr_user, interviewer, outsider):
    _start_four(db, org, hr_user, interviewer)
    with session_scope() as session:
        assert list(interview_list.list_interview_items(session, actor=outsider)) == []
        assert list(interview_list.list_ongoing_items(session, actor=outsider)) == []


def test_the_text_functions_match_python(db, org, hr_user, interviewer):
    ids = _make_edges(db, org, hr_user, interviewer)
    with session_scope() as session:
        rows = session.execute(
            select(Interview.id, uuid_text(Interview.id), Interview.scheduled_at, utc_text(Interview.scheduled_at))
        ).all()
    assert {row[0] for row in rows} >= set(ids)
    for interview_id, id_text, moment, moment_text in rows:
        assert (id_text, moment_text) == (str(interview_id), format_utc(moment))
    assert {format_utc(moment) for moment in EDGE_TIMES} <= {row[3] for row in rows}


def test_envelope_json_writes_every_character_and_value_as_the_models_serializer_does():
    """`envelope_json` (orjson) and pydantic-core's `to_json` (the models' serializer) escape character by
    character, so equal bytes for every Unicode scalar value, alone and in one string, means equal bytes for any
    string; the lists' other values are whole numbers, booleans and null (decision 122)."""
    from pydantic_core import to_json

    characters = [chr(point) for point in range(0x110000) if not 0xD800 <= point <= 0xDFFF]
    values = [*characters, "".join(characters), "", 0, 1, -7, 2**53, True, False, None, {"round": 2, "x": [None]}]
    assert envelope_json("Found 1 interview(s)", values) == to_json(
        {"success": True, "message": "Found 1 interview(s)", "data": values}
    )
