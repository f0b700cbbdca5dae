"""The panel page's "Add candidates" dialog and "Remove" (issue 19): the state calls the panel services."""

from __future__ import annotations

from reflex.istate.data import RouterData
from sqlmodel import select

from hr_app.db import session_scope
from hr_app.models import PanelCandidate
from hr_app.models.outbox import OutboxMessage
from hr_app.services import panel_sessions
from hr_app.ui.components.panel_candidates import PanelCandidatesState
from tests.factories import create_cv
from tests.question_factories import create_bank, create_panel
from tests.ui.conftest import drain


def _page(make_state, user, panel_id) -> PanelCandidatesState:
    state = make_state(PanelCandidatesState, user)
    state.router = RouterData.from_router_data(
        {"asPath": f"/panels/{panel_id}", "pathname": "/panels/[panel_uuid]", "token": "tab-1"}
    )
    drain(state.load())
    return state


def test_add_shows_only_cvs_not_on_the_panel_and_mails_the_new_links(make_state, db, org, hr_user):
    ann = create_cv(db, org, name="Ann", email="ann@example.com")
    create_cv(db, org, name="Bo", email="bo@example.com")
    create_cv(db, org, name="Cy", email="cy@example.com")
    panel, _ = create_panel(db, org, create_bank(db, org), candidates=[ann])
    state = _page(make_state, hr_user, panel.id)
    drain(state.open_add())
    assert state.add_open and [choice.name for choice in state.add_visible] == ["Bo", "Cy"]
    state.set_add_search("cy@")
    assert [choice.name for choice in state.add_visible] == ["Cy"]
    state.toggle(state.add_visible[0].id)
    assert state.add_label == "Add 1 candidate"
    [toast] = drain(state.add())
    assert "1 candidate(s) added" in str(toast) and not state.add_open
    assert sorted(link.name for link in state.links) == ["Ann", "Cy"]
    mailed = db.exec(select(OutboxMessage.recipient)).all()
    assert "cy@example.com" in mailed


def test_remove_takes_an_unopened_candidate_off_and_refuses_an_opened_one(make_state, db, org, hr_user):
    ann, bo = create_cv(db, org, name="Ann"), create_cv(db, org, name="Bo")
    panel, [ann_row, _] = create_panel(db, org, create_bank(db, org), candidates=[ann, bo])
    with session_scope() as session:
        panel_sessions.session_view(session, token=ann_row.token)
    state = _page(make_state, hr_user, panel.id)
    assert {link.name: link.opened for link in state.links} == {"Ann": True, "Bo": False}
    state.ask_remove(str(bo.id), "Bo")
    [toast] = drain(state.remove())
    assert "Bo removed" in str(toast) and [link.name for link in state.links] == ["Ann"]
    state.ask_remove(str(ann.id), "Ann")
    [toast] = drain(state.remove())
    assert "Ann has opened the session; it stays with its answers." in str(toast)
    db.expire_all()
    assert [row.candidate_id for row in db.exec(select(PanelCandidate))] == [ann.id]
