"""The candidate's clock (issue 19): Start, the deadline, the grace, refusals after it, the worker's sweep."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from hr_app.db import session_scope
from hr_app.kit.errors import Forbidden, Invalid
from hr_app.kit.time import utcnow
from hr_app.models import Answer, AuditEntry, PanelCandidate
from hr_app.schemas.panels import SessionOut, SessionStatus
from hr_app.services import panel_sessions
from hr_app.services.session_timeout import time_out
from tests.clock import Clock
from tests.factories import create_cv, row_counts
from tests.question_factories import create_bank, create_panel


@pytest.fixture
def clock(monkeypatch) -> Clock:
    return Clock(monkeypatch)


@pytest.fixture
def timed(db, org, clock):
    """A 30-minute panel, open for eight hours, with two candidates."""
    bank = create_bank(db, org)
    panel, candidates = create_panel(
        db,
        org,
        bank,
        candidates=[create_cv(db, org), create_cv(db, org)],
        start=clock.now - timedelta(hours=1),
        end=clock.now + timedelta(hours=8),
        time_limit_minutes=30,
    )
    return panel, candidates


def _start(token: str) -> SessionOut:
    with session_scope() as session:
        return SessionOut.of(panel_sessions.start(session, token=token))


def _stored(db, candidate: PanelCandidate) -> PanelCandidate:
    db.expire_all()
    return db.get(PanelCandidate, candidate.id)


def test_a_timed_session_is_not_opened_by_reading_only_by_start(db, timed, clock):
    _, [candidate, _other] = timed
    with session_scope() as session:
        view = SessionOut.of(panel_sessions.session_view(session, token=candidate.token, open_session=True))
    assert (view.status, view.questions, view.started_at, view.deadline) == (SessionStatus.NOT_STARTED, [], None, None)
    assert view.time_limit_minutes == 30 and view.total_number_of_questions == 3
    assert db.exec(select(Answer)).all() == []

    started = _start(candidate.token)
    assert started.status == SessionStatus.IN_PROGRESS and len(started.questions) == 3
    assert started.started_at == clock.now and started.deadline == clock.now + timedelta(minutes=30)
    clock.advance(minutes=5)
    again = _start(candidate.token)  # a reload or a second device: the same set, the same clock
    assert again.deadline == started.deadline and [q.uuid for q in again.questions] == [
        q.uuid for q in started.questions
    ]


def test_the_deadline_is_capped_by_the_panels_end(db, org, clock):
    _, [candidate] = create_panel(
        db,
        org,
        create_bank(db, org),
        candidates=[create_cv(db, org)],
        start=clock.now - timedelta(hours=1),
        end=clock.now + timedelta(minutes=10),
        time_limit_minutes=30,
    )
    assert _start(candidate.token).deadline == clock.now + timedelta(minutes=10)


def test_an_untimed_panel_keeps_todays_behaviour(db, org, clock):
    panel, [candidate] = create_panel(db, org, create_bank(db, org), candidates=[create_cv(db, org)])
    with session_scope() as session:
        view = SessionOut.of(panel_sessions.session_view(session, token=candidate.token))
    assert view.status == SessionStatus.IN_PROGRESS and len(view.questions) == 3
    assert view.time_limit_minutes is None and view.deadline == panel.end_datetime
    assert _stored(db, candidate).deadline is None


def test_answers_before_start_are_refused_and_change_nothing(db, timed):
    _, [candidate, _other] = timed
    before = row_counts(db)
    with session_scope() as session, pytest.raises(Invalid) as refused:
        panel_sessions.save_answers(session, token=candidate.token, answers={})
    assert (refused.value.message, refused.value.details) == (
        "The session has not been started",
        {"non_field_errors": ["Press Start (POST start/) before answering."]},
    )
    assert row_counts(db) == before and _stored(db, candidate).opened_at is None


def test_start_before_the_panel_opens_is_refused(db, org, clock):
    _, [candidate] = create_panel(
        db,
        org,
        create_bank(db, org),
        candidates=[create_cv(db, org)],
        start=clock.now + timedelta(hours=1),
        end=clock.now + timedelta(hours=2),
        time_limit_minutes=30,
    )
    with session_scope() as session, pytest.raises(Forbidden):
        panel_sessions.start(session, token=candidate.token)
    assert _stored(db, candidate).opened_at is None


def test_the_grace_takes_answers_in_flight_and_then_the_time_is_up(db, timed, clock):
    _, [candidate, _other] = timed
    questions = _start(candidate.token).questions
    deadline = clock.now + timedelta(minutes=30)
    clock.advance(minutes=30, seconds=10)  # exactly the end of the grace: still taken
    with session_scope() as session:
        panel_sessions.save_answers(session, token=candidate.token, answers={questions[0].uuid: 0})
    clock.advance(seconds=1)
    before = row_counts(db)
    saved = {a.question_id: a.selected_option for a in db.exec(select(Answer))}
    for call in (panel_sessions.save_answers, panel_sessions.submit):
        with session_scope() as session, pytest.raises(Invalid) as refused:
            call(session, token=candidate.token, answers={questions[1].uuid: 1})
        assert (refused.value.message, refused.value.details) == (
            "The time is up",
            {"non_field_errors": [f"The time for this session ended at {deadline:%Y-%m-%dT%H:%M:%SZ}."]},
        )
    assert row_counts(db) == before
    assert {a.question_id: a.selected_option for a in db.exec(select(Answer))} == saved
    assert _stored(db, candidate).submitted_at is None


def test_reading_after_the_grace_closes_the_session_as_timed_out_with_what_was_saved(db, timed, clock):
    _, [candidate, _other] = timed
    first = _start(candidate.token).questions[0]
    with session_scope() as session:
        right = panel_sessions.load_drawn(session, candidate.id)[0].question.correct_option
        panel_sessions.save_answers(session, token=candidate.token, answers={first.uuid: right})
    deadline = clock.now + timedelta(minutes=30)
    clock.advance(minutes=31)
    with session_scope() as session:
        view = SessionOut.of(panel_sessions.session_view(session, token=candidate.token))
    assert view.status == SessionStatus.TIMED_OUT and view.result is not None
    assert (view.result.score, view.result.total, view.result.submitted_at) == (1, 3, deadline)
    stored = _stored(db, candidate)
    assert (stored.score, stored.timed_out, stored.submitted_at) == (1, True, deadline)


def test_the_worker_sweep_closes_expired_sessions_once_and_leaves_the_others(db, timed, clock):
    _, [late, running] = timed
    _start(late.token)
    clock.advance(minutes=20)
    _start(running.token)
    clock.advance(minutes=10, seconds=10)  # late: at its deadline + grace, not past it
    with session_scope() as session:
        assert panel_sessions.close_expired(session, clock.now) == 0
    clock.advance(seconds=1)
    with session_scope() as session:
        assert panel_sessions.close_expired(session, clock.now) == 1
    with session_scope() as session:
        assert panel_sessions.close_expired(session, clock.now) == 0
    closed, still = _stored(db, late), _stored(db, running)
    assert (closed.timed_out, closed.score, closed.submitted_at) == (True, 0, closed.deadline)
    assert still.submitted_at is None and still.timed_out is False
    entries = db.exec(select(AuditEntry).where(AuditEntry.action == "session_auto_submitted")).all()
    assert [(e.actor_label, e.after["score"], e.after["total"]) for e in entries] == [("system", 0, 3)]


def test_a_submit_in_time_is_not_a_time_out_and_the_sweep_leaves_it(db, timed, clock):
    _, [candidate, _other] = timed
    _start(candidate.token)
    clock.advance(minutes=29)
    with session_scope() as session:
        view = SessionOut.of(panel_sessions.submit(session, token=candidate.token, answers={}))
    assert view.status == SessionStatus.SUBMITTED
    clock.advance(minutes=5)
    with session_scope() as session:
        assert panel_sessions.close_expired(session, clock.now) == 0
    assert _stored(db, candidate).timed_out is False


def test_the_pages_time_out_at_the_deadline_closes_by_the_clock(db, timed, clock):
    _, [candidate, _other] = timed
    _start(candidate.token)
    clock.advance(minutes=30)
    with session_scope() as session:
        snapshot = time_out(session, token=candidate.token)
    assert snapshot.status == SessionStatus.TIMED_OUT and snapshot.result.submitted_at == clock.now


def test_a_new_limit_applies_to_sessions_not_started_yet(db, timed, clock):
    panel, [first, second] = timed
    _start(first.token)
    db.expire_all()
    stored = db.get(type(panel), panel.id)
    stored.time_limit_minutes = 45
    db.commit()
    assert _start(second.token).deadline == clock.now + timedelta(minutes=45)
    assert _start(first.token).deadline == clock.now + timedelta(minutes=30)


def test_the_workers_periodic_task_closes_a_session_whose_candidate_never_came_back(db, org, monkeypatch):
    from hr_app import worker

    now = utcnow()
    _, [candidate] = create_panel(db, org, create_bank(db, org), candidates=[create_cv(db, org)], time_limit_minutes=10)
    with session_scope() as session:
        panel_sessions.start(session, token=candidate.token)
    monkeypatch.setattr(worker, "utcnow", lambda: now + timedelta(minutes=10, seconds=11))
    worker.close_expired_sessions.call_local()
    stored = _stored(db, candidate)
    assert stored.timed_out is True and stored.submitted_at == stored.deadline
