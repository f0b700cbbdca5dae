"""The question bank page's item analysis: figures and flags on each card for admin and hr, none for interviewers."""

from __future__ import annotations

import statistics

from hr_app.ui.states.questions import QuestionsState
from tests.api.test_item_statistics import ITEM_RIGHT, REST, seed_attempts
from tests.ui.conftest import drain


def _page(make_state, user, subtopic_id):
    state = make_state(QuestionsState, user)
    drain(state.load())
    drain(state.select(str(subtopic_id), "subtopic"))
    return state


def test_hr_sees_the_figures_and_flags_of_each_question(make_state, db, org, hr_user):
    item, _, _ = seed_attempts(db, org)
    state = _page(make_state, hr_user, item.subtopic_id)
    card = next(row for row in state.questions if row.id == str(item.id))
    r = statistics.correlation([float(right) for right in ITEM_RIGHT], [rest / 10 for rest in REST])
    assert card.figures == f"30 attempts · 50% right · discrimination {r:.2f}"
    assert card.flags == ["Option 3 lures strong candidates", "Option 4 never picked"]


def test_below_thirty_attempts_the_card_says_when_figures_come(make_state, db, org, admin):
    item, _, _ = seed_attempts(db, org, sessions=12)
    card = next(row for row in _page(make_state, admin, item.subtopic_id).questions if row.id == str(item.id))
    assert (card.figures, card.flags) == ("12 attempts · figures after 30", [])


def test_an_interviewer_reads_the_bank_without_the_figures(make_state, db, org, interviewer):
    item, _, _ = seed_attempts(db, org)
    state = _page(make_state, interviewer, item.subtopic_id)
    assert len(state.questions) == 11
    assert {(row.figures, tuple(row.flags)) for row in state.questions} == {("", ())}
