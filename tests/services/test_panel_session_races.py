"""Concurrent first opens draw one set; concurrent submits give one score (real threads, real database)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from sqlmodel import Session, select

from hr_app.db import session_scope
from hr_app.kit.errors import Conflict
from hr_app.models import Answer, PanelCandidate
from hr_app.services import panel_sessions
from tests.factories import create_cv
from tests.question_factories import create_bank, create_panel

THREADS = 8


def _concurrently(work: Callable[[Session], Any], count: int = THREADS) -> list[Any]:
    """Run `work` in `count` threads, each in its own unit of work, released together."""
    barrier = threading.Barrier(count)
    results: list[Any] = []
    lock = threading.Lock()

    def run() -> None:
        barrier.wait()
        try:
            with session_scope() as session:
                outcome = work(session)
        except Exception as exc:
            outcome = exc
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def _token(db, org) -> str:
    bank = create_bank(db, org, easy=6, medium=6, hard=6)
    _, [candidate] = create_panel(db, org, bank, candidates=[create_cv(db, org)], easy=2, medium=2, hard=2)
    return candidate.token


def test_concurrent_first_opens_draw_one_set(db, org):
    token = _token(db, org)

    def open_session(session: Session) -> list[str]:
        snapshot = panel_sessions.session_view(session, token=token)
        return [str(item.question.id) for item in snapshot.drawn]

    results = _concurrently(open_session)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert all(r == results[0] for r in results)
    assert len(results[0]) == 6
    db.expire_all()
    assert len(db.exec(select(Answer)).all()) == 6


def test_concurrent_submits_give_one_score(db, org):
    token = _token(db, org)
    with session_scope() as session:
        drawn = panel_sessions.session_view(session, token=token).drawn
        right = {item.question.id: item.question.correct_option for item in drawn}

    def submit(session: Session) -> int | None:
        snapshot = panel_sessions.submit(session, token=token, answers=right)
        return snapshot.result.score if snapshot.result else None

    results = _concurrently(submit)
    scores = [r for r in results if isinstance(r, int)]
    conflicts = [r for r in results if isinstance(r, Conflict)]
    assert scores == [6], results
    assert len(conflicts) == THREADS - 1, results
    db.expire_all()
    candidate = db.exec(select(PanelCandidate)).one()
    assert candidate.score == 6 and candidate.submitted_at is not None


def test_autosave_racing_a_submit_never_lands_after_it(db, org):
    token = _token(db, org)
    with session_scope() as session:
        drawn = panel_sessions.session_view(session, token=token).drawn
        first = drawn[0].question
    wrong = (first.correct_option + 1) % len(first.options)

    roles = iter(["submit"] + ["save"] * (THREADS - 1))
    pick = threading.Lock()

    def act(session: Session) -> str:
        with pick:
            role = next(roles)
        if role == "submit":
            panel_sessions.submit(session, token=token, answers={first.id: first.correct_option})
            return "submitted"
        panel_sessions.save_answers(session, token=token, answers={first.id: wrong})
        return "saved"

    results = _concurrently(act)
    assert "submitted" in results, results
    db.expire_all()
    candidate = db.exec(select(PanelCandidate)).one()
    answer = db.exec(select(Answer).where(Answer.question_id == first.id)).one()
    # whatever the order, the stored answer is the one that was graded
    assert answer.is_correct == (answer.selected_option == first.correct_option)
    assert candidate.score == (1 if answer.is_correct else 0)
    assert candidate.submitted_at is not None
    assert all(r in ("submitted", "saved") or isinstance(r, Conflict) for r in results), results
