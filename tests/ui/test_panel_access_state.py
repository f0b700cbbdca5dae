"""Panel pages follow the API's rule (admin or hr): an interviewer sees no panel and no candidate link.

And the panel page's "New link" button: a new token, the old one refused at once.
"""

from __future__ import annotations

import pytest
from reflex.istate.data import RouterData

from hr_app.db import session_scope
from hr_app.kit.errors import NotFound
from hr_app.services import panel_sessions
from hr_app.ui.states.panel_results import PanelResultsState
from hr_app.ui.states.panels import PanelDetailState, PanelFormState, PanelsState
from tests.factories import create_cv
from tests.question_factories import create_bank, create_panel
from tests.ui.conftest import drain


def _handler(event) -> str:
    return event.handler.fn.__qualname__


def _flat(events: list) -> list:
    return [event for item in events for event in (item if isinstance(item, list) else [item])]


def _on_page(state, panel_id) -> None:
    state.router = RouterData.from_router_data(
        {"asPath": f"/panels/{panel_id}", "pathname": "/panels/[panel_uuid]", "token": "tab-1"}
    )


@pytest.fixture
def panel(db, org):
    cvs = [create_cv(db, org, name="Ann"), create_cv(db, org, name="Bob")]
    return create_panel(db, org, create_bank(db, org), candidates=cvs)


def test_interviewer_is_sent_back_from_every_panel_page(make_state, interviewer, panel):
    panel_row, candidates = panel
    tokens = [candidate.token for candidate in candidates]
    listing = make_state(PanelsState, interviewer)
    form = make_state(PanelFormState, interviewer)
    detail = make_state(PanelDetailState, interviewer)
    _on_page(detail, panel_row.id)
    results = make_state(PanelResultsState, interviewer)
    _on_page(results, panel_row.id)
    for state, handler in ((listing, listing.load), (form, form.load), (detail, detail.load)):
        events = _flat(drain(handler()))
        assert _handler(events[0]) == "_redirect", state
        assert not state.loaded
    assert listing.rows == [] and form.candidates == [] and detail.links == [] and detail.panel == {}
    export = _flat(drain(results.export_results()))
    assert [_handler(event) for event in export] != ["_download"] and results.results == []
    drain(results.load_results())
    assert results.results == [] and results.results_error == "You do not have permission to perform this action."
    seen = str(listing.dict()) + str(detail.dict()) + str(results.dict())
    assert not any(token in seen for token in tokens)


def test_new_link_button(make_state, hr_user, panel):
    panel_row, candidates = panel
    old_token = candidates[0].token
    state = make_state(PanelDetailState, hr_user)
    _on_page(state, panel_row.id)
    drain(state.load())
    ann = next(link for link in state.links if link.name == "Ann")
    assert old_token in ann.url
    [toast] = drain(state.reissue_link(ann.candidate_uuid))
    assert "New link for Ann" in str(toast)
    new = next(link for link in state.links if link.name == "Ann")
    assert old_token not in new.url and new.url.rsplit("/", 1)[-1] != old_token
    with session_scope() as session, pytest.raises(NotFound):
        panel_sessions.session_view(session, token=old_token)
    with session_scope() as session:
        assert panel_sessions.session_view(session, token=new.url.rsplit("/", 1)[-1]).candidate.id == candidates[0].id
