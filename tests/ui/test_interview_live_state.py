"""The interview page follows changes made elsewhere (another tab, the API) without losing what is typed."""

from __future__ import annotations

from hr_app.db import session_scope
from hr_app.services import evaluations, interviews
from hr_app.ui.components.interview_delete import DeleteInterviewState
from hr_app.ui.components.interview_status import StatusDialogState
from hr_app.ui.states.interview import InterviewState
from tests.factories import create_cv
from tests.ui.conftest import drain, push_to
from tests.ui.test_states import _start


def _open(make_state, user, interview_id) -> InterviewState:
    state = make_state(InterviewState, user)
    state.interview_id = str(interview_id)
    drain(state._read())
    return state


def _save_elsewhere(user, interview_id, **data) -> None:
    with session_scope() as session:
        evaluations.save_evaluation(session, actor=user, interview_id=interview_id, data=data)


def test_status_history_and_an_untouched_form_follow(make_state, db, org, hr_user, admin):
    interview = _start(make_state, hr_user, create_cv(db, org, name="Live Page"), begun=True)
    state = _open(make_state, hr_user, interview.id)
    with session_scope() as session:
        interviews.update_status(session, actor=admin, interview_id=interview.id, status="selected", remark="Strong")
    _save_elsewhere(admin, interview.id, appearance=9, knowledge=7)
    push_to(state, str(org.id))
    assert (state.status, state.cv_status) == ("selected", "selected")
    assert [(row.to_status, row.remark) for row in state.history] == [("selected", "Strong")]
    assert (state.form["appearance"], state.form["knowledge"], state.average) == ("9", "7", "8.0")
    assert not state.changed_elsewhere


def test_unsaved_edits_are_kept_and_the_change_is_said(make_state, db, org, hr_user, admin):
    interview = _start(make_state, hr_user, create_cv(db, org, name="Busy Typist"), begun=True)
    state = _open(make_state, hr_user, interview.id)
    state.set_field("remark", "half a thought")
    push_to(state, str(org.id))  # a change that did not touch the evaluation (e.g. this tab's own status change)
    assert not state.changed_elsewhere and state.form["remark"] == "half a thought"

    _save_elsewhere(admin, interview.id, appearance=4)
    push_to(state, str(org.id))
    assert state.form["remark"] == "half a thought" and state.form["appearance"] == ""
    assert state.changed_elsewhere

    drain(state.reload_evaluation())  # drop the edits, see theirs
    assert (state.form["remark"], state.form["appearance"], state.changed_elsewhere) == ("", "4", False)


def test_saving_own_edits_clears_the_notice(make_state, db, org, hr_user, admin):
    interview = _start(make_state, hr_user, create_cv(db, org, name="Keeps Hers"), begun=True)
    state = _open(make_state, hr_user, interview.id)
    state.set_field("knowledge", "8")
    _save_elsewhere(admin, interview.id, appearance=4)
    push_to(state, str(org.id))
    assert state.changed_elsewhere
    drain(state.save())
    assert not state.changed_elsewhere
    assert (state.form["appearance"], state.form["knowledge"]) == ("", "8")  # the form as typed here replaces theirs


def test_deleted_elsewhere_is_said_plainly(make_state, db, org, hr_user, admin):
    interview = _start(make_state, hr_user, create_cv(db, org, name="Gone Soon"), begun=True)
    state = _open(make_state, hr_user, interview.id)
    dialog = state.get_substate([StatusDialogState.get_name()])
    drain(dialog.open_status("selected"))
    with session_scope() as session:
        interviews.delete_interview(session, actor=admin, interview_id=interview.id)
    push_to(state, str(org.id))
    assert state.deleted_elsewhere and state.not_found and not dialog.status_open


def test_own_delete_does_not_say_deleted_elsewhere(make_state, db, org, hr_user):
    interview = _start(make_state, hr_user, create_cv(db, org, name="Mine To Delete"), begun=True)
    state = _open(make_state, hr_user, interview.id)
    drain(state.get_substate([DeleteInterviewState.get_name()]).delete())
    push_to(state, str(org.id))
    assert not state.deleted_elsewhere
