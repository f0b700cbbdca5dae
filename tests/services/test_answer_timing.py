"""Time on each question: `panel_sessions.show_question` adds the seconds a question was on screen to its answer."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from hr_app.kit.errors import Conflict, Invalid
from hr_app.models import Answer, InterviewPanel, PanelCandidate
from hr_app.services import item_analysis, panel_sessions
from tests.clock import Clock
from tests.factories import create_cv, row_counts
from tests.question_factories import create_bank, create_panel


@pytest.fixture
def clock(monkeypatch) -> Clock:
    return Clock(monkeypatch)


@pytest.fixture
def candidate(db, org, clock) -> PanelCandidate:
    bank = create_bank(db, org, easy=1, medium=1, hard=1)
    _, (candidate,) = create_panel(
        db, org, bank, candidates=[create_cv(db, org)], start=clock.now - timedelta(hours=1), time_limit_minutes=30
    )
    panel_sessions.start(db, token=candidate.token)
    db.commit()
    return candidate


def candidate_panel(db, candidate) -> InterviewPanel:
    return db.get(InterviewPanel, candidate.panel_id)


def timings(db, candidate) -> list[tuple[int, object, int | None]]:
    db.expire_all()
    return [
        tuple(row)
        for row in db.exec(
            select(Answer.position, Answer.first_shown_at, Answer.seconds_spent)
            .where(Answer.panel_candidate_id == candidate.id)
            .order_by(Answer.position)
        )
    ]


def show(db, candidate, position) -> None:
    panel_sessions.show_question(db, token=candidate.token, position=position)
    db.commit()


def test_each_interval_on_screen_is_added_to_its_question(db, candidate, clock):
    started = clock.now
    show(db, candidate, 1)
    clock.advance(seconds=40)
    show(db, candidate, 2)
    clock.advance(seconds=15)
    show(db, candidate, 1)  # back to the first: its time grows, its first showing stays
    clock.advance(seconds=5)
    show(db, candidate, None)  # all on one page: nothing is timed until one is shown again
    clock.advance(seconds=100)
    show(db, candidate, 3)
    clock.advance(seconds=20)
    panel_sessions.submit(db, token=candidate.token, answers={})
    db.commit()
    assert timings(db, candidate) == [
        (1, started, 45),
        (2, started + timedelta(seconds=40), 15),
        (3, started + timedelta(seconds=160), 20),
    ]
    db.refresh(candidate)
    assert (candidate.viewing_position, candidate.viewing_since) == (None, None)


def test_the_clock_closing_a_session_counts_time_up_to_the_deadline_only(db, candidate, clock):
    show(db, candidate, 2)
    clock.advance(minutes=45)  # the limit is 30 minutes; the candidate never came back
    db.refresh(candidate)
    panel = candidate_panel(db, candidate)
    assert panel_sessions.close_by_clock(db, panel, candidate)
    db.commit()
    assert [seconds for _, _, seconds in timings(db, candidate)] == [None, 1800, None]


def test_a_position_outside_the_set_is_refused_and_changes_nothing(db, candidate):
    show(db, candidate, 1)
    before = (row_counts(db), timings(db, candidate))
    for position in (0, 4, -1):
        with pytest.raises(Invalid) as refused:
            panel_sessions.show_question(db, token=candidate.token, position=position)
        db.rollback()
        assert refused.value.details == {"position": ["Must be the position of a question, from 1 to 3."]}
    assert (row_counts(db), timings(db, candidate)) == before


def test_after_submitting_nothing_is_timed(db, candidate):
    panel_sessions.submit(db, token=candidate.token, answers={})
    db.commit()
    with pytest.raises(Conflict):
        panel_sessions.show_question(db, token=candidate.token, position=1)
    db.rollback()
    assert [seconds for _, _, seconds in timings(db, candidate)] == [None, None, None]


def test_item_statistics_average_the_recorded_times(db, candidate, clock):
    show(db, candidate, 1)
    clock.advance(seconds=30)
    panel_sessions.submit(db, token=candidate.token, answers={})
    db.commit()
    attempts = item_analysis.attempts_by_question(db, candidate_panel(db, candidate).organization_id)
    seconds = sorted((attempt.seconds for group in attempts.values() for attempt in group), key=str)
    assert seconds == [30, None, None]
