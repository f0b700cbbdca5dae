"""The panel page's "More time" dialog (issue 19): its state calls panels.extend_session; errors stay in the dialog."""

from __future__ import annotations

from datetime import timedelta

from reflex.istate.data import RouterData
from sqlmodel import select

from hr_app.db import session_scope
from hr_app.models import AuditEntry, PanelCandidate
from hr_app.services import panel_sessions
from hr_app.ui.components.panel_extend import ExtendSessionDialogState
from tests.factories import create_cv
from tests.question_factories import create_bank, create_panel
from tests.ui.conftest import drain


def _dialog(make_state, user, panel_id) -> ExtendSessionDialogState:
    state = make_state(ExtendSessionDialogState, user)
    state.router = RouterData.from_router_data(
        {"asPath": f"/panels/{panel_id}", "pathname": "/panels/[panel_uuid]", "token": "tab-1"}
    )
    return state


def test_more_time_moves_the_deadline_and_a_bad_entry_stays_in_the_dialog(make_state, db, org, hr_user):
    cv = create_cv(db, org, name="Ann")
    panel, [candidate] = create_panel(db, org, create_bank(db, org), candidates=[cv], time_limit_minutes=15)
    with session_scope() as session:
        panel_sessions.start(session, token=candidate.token)
    db.expire_all()
    deadline = db.get(PanelCandidate, candidate.id).deadline
    state = _dialog(make_state, hr_user, panel.id)
    state.open_for(str(cv.id), "Ann")
    state.set_extend("extend_minutes", "0")
    drain(state.extend())
    assert state.extend_open and set(state.extend_errors) == {"minutes", "reason"}
    state.set_extend("extend_minutes", "7")
    state.set_extend("extend_reason", "Browser crashed")
    [toast] = drain(state.extend())
    assert "7 more minutes for Ann" in str(toast) and not state.extend_open
    db.expire_all()
    assert db.get(PanelCandidate, candidate.id).deadline == deadline + timedelta(minutes=7)
    entry = db.exec(select(AuditEntry).where(AuditEntry.action == "session_extended")).one()
    assert entry.after["reason"] == "Browser crashed"


def test_a_candidate_who_has_not_started_is_told_in_the_dialog(make_state, db, org, hr_user):
    cv = create_cv(db, org, name="Bo")
    panel, _ = create_panel(db, org, create_bank(db, org), candidates=[cv], time_limit_minutes=15)
    state = _dialog(make_state, hr_user, panel.id)
    state.open_for(str(cv.id), "Bo")
    state.set_extend("extend_reason", "Asked for it")
    drain(state.extend())
    assert state.extend_open
    assert state.extend_errors == {"non_field_errors": "The time limit starts when the candidate presses Start."}
