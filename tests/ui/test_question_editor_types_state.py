"""The question editor with the question types (issue 19): the type's own fields are sent, nothing of another
type; the bank's refusals show beside their field."""

from __future__ import annotations

from sqlmodel import select

from hr_app.models import Question
from hr_app.ui.components.question_editor import QuestionEditorState
from hr_app.ui.states.questions import QuestionsState
from tests.question_factories import create_category, create_subtopic, create_topic
from tests.ui.conftest import drain


def _editor(make_state, db, org, user):
    subtopic = create_subtopic(db, create_topic(db, create_category(db, org, "Python"), "Basics"), "Types")
    state = make_state(QuestionsState, user)
    drain(state.load())
    drain(state.select(str(subtopic.id), "subtopic"))
    return state, state.get_substate([QuestionEditorState.get_name()])


def _stored(db) -> list[tuple]:
    db.expire_all()
    return sorted(
        (q.text, q.question_type, q.options, q.correct_options, q.partial_credit)
        for q in db.exec(select(Question).where(Question.is_archived.is_(False))).all()
    )


def test_each_type_is_saved_with_its_own_fields(make_state, db, org, admin):
    state, editor = _editor(make_state, db, org, admin)
    editor.new_question()
    editor.set_q("q_text", "Which are mutable?")
    editor.set_kind("multiple_choice")
    for index, option in enumerate(("list", "tuple")):
        editor.set_option(index, option)
    editor.add_option()
    editor.set_option(2, "dict")
    editor.toggle_correct("0", True)
    editor.toggle_correct("2", True)
    editor.set_partial(True)
    drain(editor.save_question())
    assert editor.q_errors == {} and not editor.editor_open

    editor.new_question()
    editor.set_q("q_text", "Tuples are immutable.")
    editor.set_kind("true_false")
    drain(editor.save_question())
    editor.new_question()
    editor.set_q("q_text", "Explain a dict.")
    editor.set_kind("free_text")
    drain(editor.save_question())
    assert _stored(db) == [
        ("Explain a dict.", "free_text", [], [], False),
        ("Tuples are immutable.", "true_false", ["True", "False"], [0], False),
        ("Which are mutable?", "multiple_choice", ["list", "tuple", "dict"], [0, 2], True),
    ]
    rows = {row.text: row for row in state.easy_questions}
    assert (rows["Which are mutable?"].kind_label, rows["Which are mutable?"].correct_options) == (
        "Multiple choice (partial credit)",
        [0, 2],
    )
    assert rows["Explain a dict."].kind_label == "Free text"

    editor.edit_question(rows["Which are mutable?"].id)
    assert (editor.q_kind, editor.q_correct_set, editor.q_partial) == ("multiple_choice", ["0", "2"], True)
    editor.remove_option(0)  # the ticks follow the options
    assert editor.q_correct_set == ["1"]


def test_a_multiple_choice_question_without_a_correct_option_is_refused_in_the_editor(make_state, db, org, admin):
    _state, editor = _editor(make_state, db, org, admin)
    editor.new_question()
    editor.set_q("q_text", "Which?")
    editor.set_kind("multiple_choice")
    editor.set_option(0, "a")
    editor.set_option(1, "b")
    drain(editor.save_question())
    assert editor.q_errors == {"correct_options": "Name at least one correct option."} and editor.editor_open
    assert _stored(db) == []
