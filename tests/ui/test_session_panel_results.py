"""HR's live panel results: the state (rows, labels, push refresh, CSV export) and the CSV itself."""

from __future__ import annotations

import base64
import csv
import io
import threading
import uuid

import pytest
from reflex.istate.data import RouterData

from hr_app import db as db_module
from hr_app.db import session_scope
from hr_app.models import Role
from hr_app.services import integrity, panel_sessions, panels
from hr_app.services.panel_results_export import results_csv
from hr_app.services.security import issue_access_token
from hr_app.ui.live import Push
from hr_app.ui.live.batch import PushBatch
from hr_app.ui.states.panel_results import PanelResultsState
from tests.factories import create_cv, create_user
from tests.question_factories import create_bank, create_panel


@pytest.fixture
def panel_of_three(db, org):
    bank = create_bank(db, org)
    names = ["Ann Open", "=cmd|' /C calc'!A0", "Cid Submit"]
    return create_panel(db, org, bank, candidates=[create_cv(db, org, name=name) for name in names], name="P")


def results_page(user, panel_id) -> PanelResultsState:
    state = PanelResultsState(_reflex_internal_init=True)
    state.router = RouterData.from_router_data(
        {"asPath": f"/panels/{panel_id}", "pathname": "/panels/[panel_uuid]", "token": "tab-1"}
    )
    state.auth_token = issue_access_token(user.id, user.organization_id).access_token
    return state


async def load(state: PanelResultsState) -> None:
    async for _ in state.load_results():
        pass


def take_part(panel_candidates) -> None:
    ann, _never, cid = panel_candidates
    with session_scope() as session:
        view = panel_sessions.session_view(session, token=ann.token)
        panel_sessions.save_answers(session, token=ann.token, answers={view.drawn[0].question.id: 0})
    with session_scope() as session:
        panel_sessions.session_view(session, token=cid.token)
        panel_sessions.submit(session, token=cid.token, answers={})


@pytest.mark.asyncio
async def test_each_candidate_state_and_the_push_refresh(db, org, hr_user, panel_of_three):
    panel, candidates = panel_of_three
    state = results_page(hr_user, panel.id)
    await load(state)
    assert [row.label for row in state.results] == ["Not opened"] * 3
    take_part(candidates)
    assert await state._refresh_from_push(Push(str(org.id), PushBatch())) is True
    by_name = {row.name: row for row in state.results}
    assert by_name["Ann Open"].label == "In progress 1/3"
    assert (by_name["Cid Submit"].label, by_name["Cid Submit"].score) == ("Submitted", "0 / 3")
    assert by_name["Ann Open"].score == ""
    assert state.results_summary == "1 of 3 submitted, 1 in progress"
    assert state.results_running is True
    assert await state._refresh_from_push(Push(str(uuid.uuid4()), PushBatch())) is False  # another organization's event


@pytest.mark.asyncio
async def test_another_organizations_panel_is_not_found(db, outsider, panel_of_three):
    panel, _ = panel_of_three
    state = results_page(outsider, panel.id)
    await load(state)
    assert (state.results, state.results_error) == ([], panels.PANEL_NOT_FOUND)


@pytest.mark.asyncio
async def test_an_interviewer_may_not_watch(db, org, panel_of_three):
    """The API's rule (admin or hr for every panel read), issue 15."""
    panel, _ = panel_of_three
    state = results_page(create_user(db, org, role=Role.INTERVIEWER), panel.id)
    await load(state)
    assert (state.results, state.results_error) == ([], "You do not have permission to perform this action.")


@pytest.mark.asyncio
async def test_export_is_a_csv_download(db, hr_user, panel_of_three):
    panel, candidates = panel_of_three
    take_part(candidates)
    spec = await results_page(hr_user, panel.id).export_results()
    args = {str(name): str(value).strip('"') for name, value in spec.args}
    assert spec.handler.fn.__qualname__ == "_download"
    assert args["filename"] == f"panel-results-{panel.id}.csv"
    prefix = "data:text/csv;base64,"
    assert args["url"].startswith(prefix)
    with session_scope() as session:
        expected = results_csv(*panels.panel_results(session, actor=hr_user, panel_id=panel.id))
    assert base64.b64decode(args["url"][len(prefix) :]).decode() == expected


def test_csv_rows_and_formula_cells_are_neutralised(db, hr_user, panel_of_three):
    panel, candidates = panel_of_three
    take_part(candidates)
    with session_scope() as session:
        loaded, progress = panels.panel_results(session, actor=hr_user, panel_id=panel.id)
        text = results_csv(loaded, progress)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [
        "Candidate",
        "E-mail",
        "State",
        "Answered",
        "Questions",
        "Score",
        "Opened at (UTC)",
        "Submitted at (UTC)",
    ]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Ann Open"][2:6] == ["In progress", "1", "3", ""]
    assert by_name["Cid Submit"][2:6] == ["Submitted", "0", "3", "0"]
    assert by_name["Cid Submit"][7].endswith("Z")
    assert "'=cmd|' /C calc'!A0" in by_name


@pytest.mark.asyncio
async def test_load_refresh_and_export_read_in_a_worker_thread(db, hr_user, panel_of_three, monkeypatch):
    panel, candidates = panel_of_three
    state = results_page(hr_user, panel.id)
    threads: list[threading.Thread] = []
    real_new_session = db_module.new_session

    def recording_new_session():
        threads.append(threading.current_thread())
        return real_new_session()

    monkeypatch.setattr(db_module, "new_session", recording_new_session)
    await load(state)
    assert threads and threading.main_thread() not in threads
    take_part(candidates)
    del threads[:]  # take_part opened its own sessions here, on the test's thread
    await state.refresh_results()
    assert state.results_summary == "1 of 3 submitted, 1 in progress"
    spec = await state.export_results()
    assert spec.handler.fn.__qualname__ == "_download"
    assert len(threads) >= 2 and threading.main_thread() not in threads


@pytest.mark.asyncio
async def test_signals_show_as_words_and_a_timeline_in_the_organizations_time(db, org, hr_user, panel_of_three):
    panel, candidates = panel_of_three
    ann = candidates[0]
    with session_scope() as session:
        panel_sessions.session_view(session, token=ann.token)
    for kind in ("tab_hidden", "tab_visible", "paste", "paste"):
        with session_scope() as session:
            integrity.record(session, token=ann.token, kind=kind, position=2, window="tab-a")
    state = results_page(hr_user, panel.id)
    await load(state)
    by_name = {row.name: row for row in state.results}
    assert by_name["Ann Open"].signals.startswith("Left the tab once (")
    assert by_name["Ann Open"].signals.endswith("away), pasted twice")
    assert [line.split(" ", 1)[1] for line in by_name["Ann Open"].timeline] == [
        "Left the tab (question 2)",
        "Came back (question 2)",
        "Pasted (question 2)",
        "Pasted (question 2)",
    ]
    assert by_name["Cid Submit"].signals == "" and by_name["Cid Submit"].timeline == []
