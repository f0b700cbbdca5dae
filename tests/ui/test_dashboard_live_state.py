"""The dashboard is live: a push re-reads its figures (once per organization for all its tabs); a panel change
alone reaches the dashboard tabs only, one push per organization at a time."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from hr_app.db import session_scope
from hr_app.models import CvStatus
from hr_app.services import dashboard, interviews
from hr_app.services.events import ChangeEvent, Topic
from hr_app.services.security import issue_access_token
from hr_app.ui import live
from hr_app.ui.states.dashboard import DashboardState, shared_figures
from hr_app.ui.states.live import PushBatch
from tests.factories import create_cv, create_job_title
from tests.ui.conftest import drain


def _token(user) -> str:
    return issue_access_token(user.id, user.organization_id).access_token


def test_a_push_refreshes_every_figure(make_state, db, org, hr_user):
    backend = create_job_title(db, org, "Backend")
    cv = create_cv(db, org, name="Dee Dash", job_title=backend)
    state = make_state(DashboardState, hr_user)
    drain(state.load())
    assert (state.cv_counts["pending"], state.week_total, state.cv_total) == (1, 0, 1)

    create_cv(db, org, name="Sel Ected", job_title=backend, status=CvStatus.SELECTED.value)
    with session_scope() as session:
        interviews.start_interview(session, actor=hr_user, candidate_id=cv.id, scheduled_at=datetime.now(UTC))
    state.refresh_from_push(PushBatch().shared(_token(hr_user), str(org.id), "dashboard", shared_figures))
    assert (state.cv_counts["ongoing"], state.cv_counts["selected"], state.cv_counts["pending"]) == (1, 1, 0)
    assert state.cv_total == 2 and state.week_total == 1
    assert {row["name"]: row["count"] for row in state.job_chart} == {"Backend": 2}


def test_figures_are_read_once_per_push_and_never_for_another_org(db, org, other_org, hr_user, admin, outsider):
    reads: list[str] = []

    def counted(session, actor):
        reads.append(actor.email)
        return dashboard.hiring_dashboard(session, actor=actor)

    batch = PushBatch()
    first = batch.shared(_token(hr_user), str(org.id), "dashboard", counted)
    second = batch.shared(_token(admin), str(org.id), "dashboard", counted)
    assert first is second and len(reads) == 1
    assert batch.shared(_token(outsider), str(org.id), "dashboard", counted) is None
    assert len(reads) == 1


def test_a_panel_change_alone_goes_to_the_dashboards(monkeypatch):
    calls: list[tuple[str, str]] = []

    async def everyone(organization_id: str) -> int:
        calls.append(("all tabs", organization_id))
        return 0

    async def dashboards(organization_id: str) -> int:
        calls.append(("dashboards", organization_id))
        return 0

    monkeypatch.setattr(live, "push_organization", everyone)
    monkeypatch.setattr(live, "push_dashboards", dashboards)
    asyncio.run(live.push({"a": {Topic.PANELS}, "b": {Topic.PANELS, Topic.CVS}, "c": {Topic.QUESTIONS}}))
    assert calls == [("dashboards", "a"), ("all tabs", "b")]  # a CV change reaches every tab, the dashboards too


def test_dashboard_pushes_are_coalesced(monkeypatch):
    runs: list[int] = []

    async def slow(organization_id: str) -> int:
        runs.append(len(runs))
        await asyncio.sleep(0.01)
        return 0

    monkeypatch.setattr(live, "push_dashboards", slow)

    async def burst() -> None:
        await asyncio.gather(*(live.push_dashboards_coalesced("org") for _ in range(20)))

    asyncio.run(burst())
    assert len(runs) == 2  # the first push, then one more for everything that came in meanwhile
    assert live._dashboard_rerun == {}


def test_on_events_groups_topics_per_organization(monkeypatch):
    seen: list[dict] = []

    async def record(changes) -> None:
        seen.append({org: set(topics) for org, topics in changes.items()})

    async def run() -> None:
        monkeypatch.setattr(live, "push", record)
        monkeypatch.setattr(live, "_loop", asyncio.get_running_loop())
        live.on_events(
            [ChangeEvent("o1", Topic.PANELS), ChangeEvent("o1", Topic.CVS), ChangeEvent("o2", Topic.QUESTIONS)]
        )
        await asyncio.sleep(0)
        await asyncio.gather(*live._tasks)

    asyncio.run(run())
    assert seen == [{"o1": {Topic.PANELS, Topic.CVS}}]


class _FakeApp:
    """`app.modify_state` over one root state, as the live layer uses it."""

    def __init__(self, root) -> None:
        self.root = root

    def modify_state(self, _token):
        root = self.root

        class _Context:
            async def __aenter__(self):
                return root

            async def __aexit__(self, *_exc) -> None:
                return None

        return _Context()


def _root(state):
    while state.parent_state is not None:
        state = state.parent_state
    return state


def _tab(make_state, cls, user, org, page: str):
    """A tab's page state under its root, with the LiveState of the same root on `page`."""
    from hr_app.ui.states.live import LiveState

    state = make_state(cls, user)
    live_state = _root(state).get_substate(LiveState.get_full_name().split(".")[1:])
    live_state.auth_token = state.auth_token
    live_state._organization_id, live_state._page = str(org.id), page
    return state


def test_a_push_to_a_tab_uses_its_sign_in_token_not_its_client_token(make_state, db, org, hr_user):
    """The registry holds client (socket) tokens; the shared reads must be made with the tab's sign-in token."""
    from hr_app.ui.states.cvs import CvsState
    from hr_app.ui.states.interviews import InterviewsState

    cv = create_cv(db, org, name="Push Through")
    home = _tab(make_state, DashboardState, hr_user, org, "/")
    listing = _tab(make_state, InterviewsState, hr_user, org, "/interviews")
    cv_tab = _tab(make_state, CvsState, hr_user, org, "/cvs")
    for state in (home, listing, cv_tab):
        drain(state.load())
    with session_scope() as session:
        interviews.start_interview(session, actor=hr_user, candidate_id=cv.id, scheduled_at=datetime.now(UTC))

    async def push_all() -> list[bool]:
        batch = PushBatch()
        return [
            await live._push_one(_FakeApp(_root(state)), str(org.id), "client-token", batch)
            for state in (home, listing, cv_tab)
        ]

    assert asyncio.run(push_all()) == [True, True, True]
    assert home.cv_counts["ongoing"] == 1 and home.week_total == 1
    assert [row.candidate_name for row in listing.page_rows] == ["Push Through"]
    assert cv_tab.status_counts["ongoing"] == 1


def test_a_dashboard_tab_that_moved_away_leaves_the_dashboard_set(make_state, db, org, hr_user):
    state = _tab(make_state, DashboardState, hr_user, org, "/cvs")
    kept = asyncio.run(live._push_dashboard(_FakeApp(_root(state)), str(org.id), "client-token", PushBatch()))
    assert kept is False
