"""The status dialog's decision message (issue 16): shown only when the organization sends them, pre-filled with
the default text, edited or kept back by HR, its error next to the field with nothing changed."""

from __future__ import annotations

import uuid

from sqlmodel import select

from hr_app.models import Interview, OutboxMessage
from hr_app.ui.components.interview_status import StatusDialogState
from hr_app.ui.states.interview import InterviewState
from tests.factories import create_cv, row_counts
from tests.ui.conftest import drain
from tests.ui.test_states import _start


def _dialog(make_state, db, org, hr_user, *, messages: bool) -> tuple[InterviewState, StatusDialogState]:
    org.decision_messages = messages
    db.add(org)
    db.commit()
    interview = _start(make_state, hr_user, create_cv(db, org, name="Dana Decided", email="dana@example.com"))
    state = make_state(InterviewState, hr_user)
    state.interview_id = str(interview.id)
    drain(state._read())
    return state, state.get_substate([StatusDialogState.get_name()])


def _decision_texts(db) -> list[str]:
    db.expire_all()
    return [m.text_body.strip() for m in db.exec(select(OutboxMessage).where(OutboxMessage.kind == "decision"))]


def test_no_message_field_while_the_organization_sends_none(make_state, db, org, hr_user):
    _, dialog = _dialog(make_state, db, org, hr_user, messages=False)
    drain(dialog.open_status("selected"))
    assert (dialog.has_candidate_message, dialog.candidate_message) == (False, "")
    drain(dialog.change_status())
    assert _decision_texts(db) == []


def test_the_default_text_is_shown_and_hr_s_edit_goes(make_state, db, org, hr_user):
    state, dialog = _dialog(make_state, db, org, hr_user, messages=True)
    drain(dialog.open_status("rejected"))
    assert dialog.has_candidate_message and dialog.send_candidate_message
    assert dialog.candidate_message.startswith("Dear Dana Decided,\n\nThank you for the time you gave us for the ")
    assert "has decided not to go ahead with your application this time" in dialog.candidate_message
    dialog.set_candidate_message("Dear Dana,\n\nNot this time, sorry.")
    drain(dialog.change_status())
    assert not dialog.status_open and state.status == "rejected"
    assert _decision_texts(db) == ["Dear Dana,\n\nNot this time, sorry."]


def test_back_to_pending_has_no_message(make_state, db, org, hr_user):
    _, dialog = _dialog(make_state, db, org, hr_user, messages=True)
    drain(dialog.open_status("pending"))
    assert not dialog.has_candidate_message


def test_kept_back_this_once(make_state, db, org, hr_user):
    state, dialog = _dialog(make_state, db, org, hr_user, messages=True)
    drain(dialog.open_status("selected"))
    dialog.set_send_candidate_message(False)
    drain(dialog.change_status())
    assert state.status == "selected" and _decision_texts(db) == []


def test_a_blank_message_is_refused_next_to_the_field(make_state, db, org, hr_user):
    state, dialog = _dialog(make_state, db, org, hr_user, messages=True)
    drain(dialog.open_status("selected"))
    dialog.set_candidate_message("   ")
    before = row_counts(db)
    drain(dialog.change_status())
    assert dialog.candidate_message_error == "The message to the candidate may not be blank."
    assert dialog.status_open and dialog.status_error == ""
    db.expire_all()
    assert row_counts(db) == before
    assert db.get(Interview, uuid.UUID(state.interview_id)).status == "pending"
