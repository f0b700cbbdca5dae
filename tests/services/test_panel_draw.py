"""Fair draws (issue 19): the per-candidate shuffle, frozen and scored through the candidate's option order, and
exposure control (least shown first within each cell, ties at random, never a repeat)."""

from __future__ import annotations

import random
import uuid
from collections import Counter

from sqlmodel import select

from hr_app.db import session_scope
from hr_app.models import Answer, PanelCandidate, Question
from hr_app.schemas.panels import SessionOut
from hr_app.services import panel_draw, panel_sessions
from tests.factories import create_cv
from tests.question_factories import create_bank, create_panel


def _open(token: str) -> SessionOut:
    with session_scope() as session:
        return SessionOut.of(panel_sessions.session_view(session, token=token))


def test_pick_least_shown_takes_the_least_shown_without_repeats_and_breaks_ties_at_random():
    ids = [uuid.UUID(int=n) for n in range(6)]
    shown = {ids[0]: 5, ids[1]: 0, ids[2]: 1, ids[3]: 0, ids[4]: 9}  # ids[5] never shown
    picks = {tuple(panel_draw.pick_least_shown(ids, shown, 3, random.Random(n))) for n in range(40)}
    assert {frozenset(p) for p in picks} == {frozenset({ids[1], ids[3], ids[5]})}
    assert len(picks) > 1  # the three tied at 0 come in different orders
    assert panel_draw.pick_least_shown(ids, shown, 10, random.Random(1))[-1] == ids[4]  # all six, once each


def test_option_order_is_a_permutation_fixed_by_seed_and_question():
    question = uuid.uuid4()
    assert panel_draw.option_order(None, question, 4) == (0, 1, 2, 3)
    order = panel_draw.option_order(7, question, 4)
    assert sorted(order) == [0, 1, 2, 3] and panel_draw.option_order(7, question, 4) == order
    assert len({panel_draw.option_order(seed, question, 4) for seed in range(30)}) > 5


def test_a_shuffled_set_is_frozen_across_reloads_and_answers_index_the_candidates_options(db, org):
    bank = create_bank(db, org, easy=6, medium=6, hard=6)
    _, candidates = create_panel(
        db, org, bank, candidates=[create_cv(db, org) for _ in range(6)], easy=3, medium=3, hard=3, shuffle=True
    )
    first = _open(candidates[0].token)
    again = _open(candidates[0].token)
    assert [(q.uuid, q.options) for q in first.questions] == [(q.uuid, q.options) for q in again.questions]
    db.expire_all()
    assert db.get(PanelCandidate, candidates[0].id).shuffle_seed is not None
    views = [first] + [_open(c.token) for c in candidates[1:]]
    orders = {tuple(q.uuid for q in view.questions) for view in views}
    difficulty_runs = {tuple(q.difficulty for q in view.questions) for view in views}
    option_orders = {tuple(q.options) for view in views for q in view.questions}
    assert len(orders) > 1 and len(difficulty_runs) > 1  # not the bank's easy-medium-hard order for everyone
    assert any(list(options) != ["A", "B", "C", "D"] for options in option_orders)

    # Answer every question with the option whose text is the correct one, as the candidate sees it.
    db.expire_all()
    correct_text = {q.id: q.options[q.correct_option] for q in db.exec(select(Question))}
    answers = {q.uuid: q.options.index(correct_text[q.uuid]) for q in first.questions}
    with session_scope() as session:
        saved = panel_sessions.save_answers(session, token=candidates[0].token, answers=answers)
        assert {d.question.id: d.shown_selection for d in saved} == answers
    stored = {a.question_id: a.selected_option for a in db.exec(select(Answer)) if a.selected_option is not None}
    assert stored == {qid: db.get(Question, qid).correct_option for qid in answers}  # kept as the bank's index
    assert _open(candidates[0].token).answers == answers  # shown back in the candidate's order
    with session_scope() as session:
        result = panel_sessions.submit(session, token=candidates[0].token, answers={}).result
    assert (result.score, result.total) == (9, 9)


def test_an_unshuffled_panel_keeps_the_banks_order(db, org):
    bank = create_bank(db, org, easy=2, medium=2, hard=2)
    _, [candidate] = create_panel(db, org, bank, candidates=[create_cv(db, org)])
    view = _open(candidate.token)
    assert [q.difficulty for q in view.questions] == ["easy", "medium", "hard"]
    assert all(q.options == ["A", "B", "C", "D"] for q in view.questions)
    db.expire_all()
    assert db.get(PanelCandidate, candidate.id).shuffle_seed is None


def test_exposure_control_spreads_showings_evenly_over_the_bank(db, org):
    """Nine candidates, a draw of 2 easy from a bank of 6: each question is shown exactly 3 times."""
    bank = create_bank(db, org, easy=6)
    _, candidates = create_panel(
        db, org, bank, candidates=[create_cv(db, org) for _ in range(9)], easy=2, medium=0, hard=0
    )
    for candidate in candidates:
        view = _open(candidate.token)
        assert len({q.uuid for q in view.questions}) == 2
    db.expire_all()
    showings = Counter(a.question_id for a in db.exec(select(Answer)))
    assert sorted(showings.values()) == [3] * 6
