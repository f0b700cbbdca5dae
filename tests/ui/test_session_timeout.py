"""session_timeout.time_out: the service the candidate page calls when its countdown ends."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from hr_app.db import session_scope
from hr_app.kit.errors import Gone, NotFound
from hr_app.kit.time import utcnow
from hr_app.models import Answer, InterviewPanel, PanelCandidate
from hr_app.schemas.panels import SessionState
from hr_app.services import panel_sessions
from hr_app.services.session_timeout import GRACE, time_out
from tests.factories import create_cv
from tests.question_factories import create_bank, create_panel


@pytest.fixture
def opened(db, org):
    bank = create_bank(db, org)
    panel, (candidate,) = create_panel(db, org, bank, candidates=[create_cv(db, org)])
    with session_scope() as session:
        drawn = panel_sessions.session_view(session, token=candidate.token)
        first = drawn.drawn[0]
        correct = {first.question.id: first.question.correct_option}
        panel_sessions.save_answers(session, token=candidate.token, answers=correct)
    return panel, candidate


def move_end(db, panel: InterviewPanel, end) -> None:
    db.expire_all()
    stored = db.get(InterviewPanel, panel.id)
    stored.end_datetime = end
    stored.start_datetime = min(stored.start_datetime, end - timedelta(hours=1))
    db.add(stored)
    for candidate in db.exec(select(PanelCandidate).where(PanelCandidate.panel_id == panel.id)):
        candidate.token_expires_at = end
        db.add(candidate)
    db.commit()


def test_before_the_end_it_submits_the_saved_answers(db, opened):
    _panel, candidate = opened
    with session_scope() as session:
        snapshot = time_out(session, token=candidate.token)
    assert snapshot.state == SessionState.SUBMITTED
    assert snapshot.result.score == 1
    db.expire_all()
    assert db.get(PanelCandidate, candidate.id).score == 1


def test_after_the_end_the_panel_is_closed_and_the_session_scored_as_at_the_end(db, opened):
    panel, candidate = opened
    end = utcnow() - timedelta(seconds=2)
    move_end(db, panel, end)
    with session_scope() as session:
        snapshot = time_out(session, token=candidate.token)
    assert (snapshot.state, snapshot.result.score, snapshot.result.total) == (SessionState.SUBMITTED, 1, 3)
    db.expire_all()
    stored = db.get(PanelCandidate, candidate.id)
    assert (stored.score, stored.submitted_at) == (1, db.get(InterviewPanel, panel.id).end_datetime)
    assert db.get(InterviewPanel, panel.id).is_active is False


def test_a_second_call_returns_the_same_result(db, opened):
    _panel, candidate = opened
    with session_scope() as session:
        first = time_out(session, token=candidate.token)
    with session_scope() as session:
        second = time_out(session, token=candidate.token)
    assert first.result.score == second.result.score == 1
    assert second.result.submitted_at == first.result.submitted_at


def test_long_after_the_end_the_link_is_gone(db, opened):
    panel, candidate = opened
    move_end(db, panel, utcnow() - GRACE - timedelta(seconds=5))
    with session_scope() as session, pytest.raises(Gone):
        time_out(session, token=candidate.token)


def test_a_session_never_opened_is_gone_and_unchanged(db, org):
    bank = create_bank(db, org)
    _panel, (candidate,) = create_panel(db, org, bank, candidates=[create_cv(db, org)])
    with session_scope() as session, pytest.raises(Gone):
        time_out(session, token=candidate.token)
    db.expire_all()
    assert db.get(PanelCandidate, candidate.id).submitted_at is None
    assert db.exec(select(Answer)).all() == []


def test_a_deleted_panel_is_gone(db, opened):
    panel, candidate = opened
    stored = db.get(InterviewPanel, panel.id)
    stored.is_deleted = True
    db.add(stored)
    db.commit()
    with session_scope() as session, pytest.raises(Gone):
        time_out(session, token=candidate.token)


def test_an_unknown_token_is_not_found_and_counts_against_the_address(db):
    with session_scope() as session, pytest.raises(NotFound):
        time_out(session, token="0" * 32, client="198.51.100.1")
    assert panel_sessions.token_limit().blocked_for("198.51.100.1") == 0
