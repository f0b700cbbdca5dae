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
from hr_app.ui.live import registry, scheduler
from hr_app.ui.live.batch import PushBatch
from hr_app.ui.states.dashboard import DashboardState
from tests.factories import create_cv, create_job_title
from tests.ui.conftest import drain, push_to


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
    assert push_to(state, str(org.id))
    assert (state.cv_counts["ongoing"], state.cv_counts["selected"], state.cv_counts["pending"]) == (1, 1, 0)
    assert state.cv_total == 2 and state.week_total == 1
    assert {row["name"]: row["count"] for row in state.job_chart} == {"Backend": 2}


def test_figures_are_read_once_per_push_and_never_for_another_org(db, org, other_org, hr_user, admin, outsider):
    reads: list[str] = []

    def counted(session, actor):
        reads.append(actor.email)
        return dashboard.hiring_dashboard(session, actor=actor)

    batch = PushBatch()
    first = asyncio.run(batch.shared(_token(hr_user), str(org.id), "dashboard", counted))
    second = asyncio.run(batch.shared(_token(admin), str(org.id), "dashboard", counted))
    assert first is second and len(reads) == 1
    assert asyncio.run(batch.shared(_token(outsider), str(org.id), "dashboard", counted)) is None
    assert len(reads) == 1


def test_a_panel_change_alone_goes_to_the_dashboards():
    import hr_app.hr_app  # noqa: F401  (every live page registered)

    def following(topic: Topic) -> set[str]:
        return {page.state.__name__ for page in live.pages() if topic in page.topics}

    assert following(Topic.PANELS) == {"DashboardState", "PanelResultsState", "HandScoringState", "CvProfileState"}
    workspace = {
        "LiveState",
        "CvsState",
        "DashboardState",
        "InterviewState",
        "InterviewsState",
        "CvProfileState",
        "CvDuplicatesState",
        "ScorecardState",  # the interview page's own scorecard and decision view follow their interview
    }
    assert following(Topic.CVS) == following(Topic.INTERVIEWS) == workspace  # a CV change reaches every tab
    assert following(Topic.QUESTIONS) == set()


def test_pushes_are_coalesced(monkeypatch):
    runs: list[tuple[set[Topic], frozenset[str] | None]] = []

    async def slow(organization_id: str, topics, interviews=None) -> int:
        runs.append((set(topics), interviews))
        await asyncio.sleep(0.01)
        return 0

    monkeypatch.setattr(live, "push_organization", slow)

    async def burst() -> None:
        changes = [live.Change(frozenset({Topic.INTERVIEWS}), frozenset({f"i{n}"})) for n in range(20)]
        await asyncio.gather(*(live.push_coalesced("org", change) for change in changes))

    asyncio.run(burst())
    # The first push, then one more for what came in meanwhile: every interview it was about, merged.
    assert runs == [
        ({Topic.INTERVIEWS}, frozenset({"i0"})),
        ({Topic.INTERVIEWS}, frozenset(f"i{n}" for n in range(1, 20))),
    ]
    assert live._rerun == {}


def test_on_events_groups_topics_per_organization(monkeypatch):
    import hr_app.hr_app  # noqa: F401  (every live page registered)

    seen: list[dict] = []

    async def record(changes) -> None:
        seen.append({org: set(change.topics) for org, change in changes.items()})

    async def run() -> None:
        monkeypatch.setattr(live, "push", record)
        scheduler.use_loop(asyncio.get_running_loop())
        live.on_events(
            [ChangeEvent("o1", Topic.PANELS), ChangeEvent("o1", Topic.CVS), ChangeEvent("o2", Topic.QUESTIONS)]
        )
        await scheduler.drain()

    try:
        asyncio.run(run())
    finally:
        scheduler.use_loop(None)
    assert seen == [{"o1": {Topic.PANELS, Topic.CVS}}]


class _FakeApp:
    """`app.modify_state` over one root state per client token, every token connected."""

    def __init__(self, roots: dict) -> None:
        self.roots = roots
        app = self

        class _Tokens:
            async def is_token_connected(self, token: str) -> bool:
                return token in app.roots

        self.event_namespace = type("Namespace", (), {"_token_manager": _Tokens()})()

    def modify_state(self, token):
        root = self.roots[token.ident]

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


def _tab(make_state, cls, user, org):
    """A tab's page state under its root, with the LiveState of the same root in the organization."""
    from hr_app.ui.states.live import LiveState

    state = make_state(cls, user)
    live_state = _root(state).get_substate(LiveState.get_full_name().split(".")[1:])
    live_state.auth_token = state.auth_token
    live_state._organization_id = str(org.id)
    return state


def _push_to_tabs(tabs: dict, organization_id: str, topics: set[Topic]) -> int:
    """Each tab (client token -> (page state, the sets it joined)) in the memory registry, then one push."""

    async def run() -> int:
        for token, (_state, page_sets) in tabs.items():
            for page in page_sets:
                await registry.registry().add(live.set_key(page.tabs, organization_id), token)
        return await live.push_organization(organization_id, topics)

    live.use_app(_FakeApp({token: _root(state) for token, (state, _sets) in tabs.items()}))
    registry.use_registry(registry.MemoryRegistry())
    try:
        return asyncio.run(run())
    finally:
        live.use_app(None)
        registry.use_registry(None)


def test_a_push_to_a_tab_uses_its_sign_in_token_not_its_client_token(make_state, db, org, hr_user):
    """The registry holds client (socket) tokens; the shared reads must be made with the tab's sign-in token."""
    from hr_app.ui.states import cvs, dashboard
    from hr_app.ui.states import interviews as interview_list
    from hr_app.ui.states import live as board

    cv = create_cv(db, org, name="Push Through")
    home = _tab(make_state, DashboardState, hr_user, org)
    listing = _tab(make_state, interview_list.InterviewsState, hr_user, org)
    cv_tab = _tab(make_state, cvs.CvsState, hr_user, org)
    for state in (home, listing, cv_tab):
        drain(state.load())
    with session_scope() as session:
        interviews.start_interview(session, actor=hr_user, candidate_id=cv.id, scheduled_at=datetime.now(UTC))

    tabs = {
        "home-tab": (home, [board.BOARD, dashboard.DASHBOARD_PAGE]),
        "list-tab": (listing, [board.BOARD, interview_list.INTERVIEW_LIST_PAGE]),
        "cvs-tab": (cv_tab, [board.BOARD, cvs.CVS_PAGE]),
    }
    assert _push_to_tabs(tabs, str(org.id), {Topic.INTERVIEWS}) == 3
    assert home.cv_counts["ongoing"] == 1 and home.week_total == 1
    assert [row.candidate_name for row in listing.page_rows] == ["Push Through"]
    assert cv_tab.status_counts["ongoing"] == 1


def test_a_page_is_pushed_only_the_topics_it_follows(make_state, db, org, hr_user):
    from hr_app.ui.states import cvs, dashboard

    cv_tab = _tab(make_state, cvs.CvsState, hr_user, org)
    home = _tab(make_state, DashboardState, hr_user, org)
    for state in (cv_tab, home):
        drain(state.load())
    create_cv(db, org, name="Late Arrival")
    tabs = {"cvs-tab": (cv_tab, [cvs.CVS_PAGE]), "home-tab": (home, [dashboard.DASHBOARD_PAGE])}
    assert _push_to_tabs(tabs, str(org.id), {Topic.PANELS}) == 1  # the dashboard follows panels, the CVs page not
    assert cv_tab.status_counts["pending"] == 0
    assert home.cv_counts["pending"] == 1


def test_a_tab_of_another_organization_leaves_the_set(make_state, db, org, other_org, hr_user):
    from hr_app.ui.states import dashboard

    home = _tab(make_state, DashboardState, hr_user, org)
    memory = registry.MemoryRegistry()

    async def run() -> set[str]:
        key = live.set_key(dashboard.DASHBOARD_PAGE.tabs, str(other_org.id))
        await memory.add(key, "home-tab")
        await live.push_organization(str(other_org.id), {Topic.PANELS})
        return await memory.members(key)

    live.use_app(_FakeApp({"home-tab": _root(home)}))
    registry.use_registry(memory)
    try:
        assert asyncio.run(run()) == set()
    finally:
        live.use_app(None)
        registry.use_registry(None)
