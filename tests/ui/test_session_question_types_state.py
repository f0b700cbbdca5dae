"""The candidate page's state with every question type (issue 19): checkboxes save a list, the text area saves its
text when left, true/false takes the radio group, and a free-text answer makes the result wait for hand scoring."""

from __future__ import annotations

import pytest
from sqlmodel import select

from hr_app.models import Answer, PanelCandidate, Question
from tests.factories import create_cv
from tests.question_factories import create_bank, create_panel, create_question
from tests.ui.conftest import drain
from tests.ui.test_session_state import page


def started(token: str):
    state = page(token)
    drain(state.begin())
    return state


@pytest.fixture
def token(db, org) -> str:
    bank = create_bank(db, org, easy=0, medium=0, hard=0)
    create_question(
        db,
        bank.subtopic,
        text="Multiple",
        options=("a", "b", "c"),
        correct_option=0,
        correct_options=[0, 2],
        question_type="multiple_choice",
    )
    create_question(
        db, bank.subtopic, text="TrueFalse", options=("True", "False"), correct_option=0, question_type="true_false"
    )
    create_question(
        db, bank.subtopic, text="Free", options=(), correct_option=0, correct_options=[], question_type="free_text"
    )
    _, [candidate] = create_panel(db, org, bank, candidates=[create_cv(db, org)], easy=3, medium=0, hard=0)
    return candidate.token


def _stored(db) -> dict[str, tuple]:
    db.expire_all()
    rows = db.exec(select(Question.text, Answer).join(Answer, Answer.question_id == Question.id)).all()
    return {text: (a.selected_option, a.selected_options, a.text_answer) for text, a in rows}


def _item(state, text: str):
    return next(item for item in state.questions if item.text == text)


def test_each_type_is_answered_through_its_control_and_kept_across_a_reload(db, token):
    state = started(token)
    assert {item.text: item.kind for item in state.questions} == {
        "Multiple": "multiple_choice",
        "TrueFalse": "true_false",
        "Free": "free_text",
    }
    multiple, free = _item(state, "Multiple"), _item(state, "Free")
    drain(state.toggle(multiple.uuid, "2", True))
    drain(state.toggle(multiple.uuid, "0", True))
    drain(state.toggle(multiple.uuid, "1", True))
    drain(state.toggle(multiple.uuid, "1", False))
    drain(state.choose(_item(state, "TrueFalse").uuid, "1"))
    drain(state.write(free.uuid, "  A list can change.  "))
    assert _stored(db) == {
        "Multiple": (None, [0, 2], None),
        "TrueFalse": (1, None, None),
        "Free": (None, None, "A list can change."),
    }
    assert (state.answered_count, state.unanswered_numbers, state.save_note) == (3, "", "Answer saved")
    reloaded = page(token)
    assert (_item(reloaded, "Multiple").picked, _item(reloaded, "Free").answer_text) == (
        ["0", "2"],
        "A list can change.",
    )
    assert reloaded.answered_count == 3


def test_clearing_every_box_and_the_text_leaves_the_questions_unanswered(db, token):
    state = started(token)
    multiple, free = _item(state, "Multiple"), _item(state, "Free")
    drain(state.toggle(multiple.uuid, "1", True))
    drain(state.write(free.uuid, "draft"))
    drain(state.toggle(multiple.uuid, "1", False))
    drain(state.write(free.uuid, "   "))
    assert _stored(db) == {"Multiple": (None, None, None), "TrueFalse": (None, None, None), "Free": (None, None, None)}
    assert state.answered_count == 0
    numbers = sorted(str(item.number) for item in state.questions)
    assert state.unanswered_numbers == f"{numbers[0]}, {numbers[1]} and {numbers[2]}"


def test_submitting_a_written_answer_shows_the_wait_for_hand_scoring(db, token):
    state = started(token)
    drain(state.toggle(_item(state, "Multiple").uuid, "0", True))
    drain(state.write(_item(state, "Free").uuid, "Mutable"))
    drain(state.submit())
    assert (state.phase, state.score_pending, state.score) == ("done", True, 0)
    assert db.exec(select(PanelCandidate)).one().hand_scoring_pending is True


def test_without_a_written_answer_the_score_is_shown(db, token):
    state = started(token)
    drain(state.toggle(_item(state, "Multiple").uuid, "0", True))
    drain(state.toggle(_item(state, "Multiple").uuid, "2", True))
    drain(state.choose(_item(state, "TrueFalse").uuid, "0"))
    drain(state.submit())
    assert (state.phase, state.score_pending, state.score, state.result_total) == ("done", False, 2, 3)
