"""Board pushes carry what changed (issue 20): the interviews a write names are re-read once per push and each
tab patches those cards (added, replaced, removed; the blind rule kept); a tab that missed a push re-reads the
whole board, on its next push or when its socket comes back (Reflex's reconnect runs the page's on_load)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from reflex.istate.data import RouterData
from sqlmodel import Session, select

from hr_app.db import session_scope
from hr_app.models import Evaluation, InterviewInterviewer, UserCvData
from hr_app.services import events, interviews, scheduling
from hr_app.ui import live
from hr_app.ui.live import registry
from hr_app.ui.states.live import LiveState
from tests.api.interview_support import make_interview
from tests.factories import create_cv, create_user
from tests.redis_db import BOARD_VERSION, redis_test_url
from tests.ui.conftest import drain
from tests.ui.test_dashboard_live_state import _FakeApp, _root

RATED = {"appearance": 8, "knowledge": 8, "confidence": 8, "attitude": 8, "communication": 8}
SOON = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)


def _write(work: Callable[[Session], object]) -> live.Change:
    """Run one service call in its own unit of work; the live change its committed events make."""
    received: list[events.ChangeEvent] = []
    unsubscribe = events.subscribe(received.extend)
    try:
        with session_scope() as session:
            work(session)
    finally:
        unsubscribe()
    (change,) = live.changes_of(received).values()
    return change


class _Tabs:
    """Board tabs on /ongoing, each loaded as its page load does (watch), in one memory registry."""

    def __init__(self, make_state, org, users) -> None:
        self.org = str(org.id)
        self.memory = registry.MemoryRegistry()
        registry.use_registry(self.memory)
        self.tabs = {}
        for number, user in enumerate(users):
            tab = make_state(LiveState, user)
            tab.router = RouterData.from_router_data({"token": f"tab-{number}", "pathname": "/ongoing"})
            self.tabs[f"tab-{number}"] = tab
        self.connected = dict(self.tabs)
        for tab in self.tabs.values():
            drain(tab.watch())

    def push(self, change: live.Change) -> int:
        live.use_app(_FakeApp({token: _root(tab) for token, tab in self.connected.items()}))
        try:
            return asyncio.run(live.push_organization(self.org, change.topics, change.interviews))
        finally:
            live.use_app(None)

    def close(self) -> None:
        registry.use_registry(None)


def _names(tab: LiveState) -> list[str]:
    return [card.candidate_name for card in tab.cards]


def _two_cards(db, org, lead):
    first = make_interview(db, org, cv=create_cv(db, org, name="Ann Alpha"), interviewer=lead)
    second = make_interview(db, org, cv=create_cv(db, org, name="Bob Beta"), interviewer=lead)
    first.scheduled_at, second.scheduled_at = SOON, SOON + timedelta(hours=5)
    db.add_all([first, second])
    db.commit()
    return first, second


def _rename_quietly(db, interview, name: str) -> None:
    """A change no event names: a card re-read would show it, a card left alone would not."""
    cv = db.get(UserCvData, interview.candidate_id)
    cv.name = name
    db.add(cv)
    db.commit()


def test_a_change_pushes_its_one_card_and_the_clashes_it_makes(make_state, db, org, hr_user, interviewer):
    first, second = _two_cards(db, org, interviewer)
    board = _Tabs(make_state, org, [hr_user])
    try:
        (tab,) = board.tabs.values()
        assert _names(tab) == ["Ann Alpha", "Bob Beta"] and tab._version == 0
        _rename_quietly(db, second, "Bob Renamed")
        moved = SOON + timedelta(hours=5, minutes=20)
        change = _write(
            lambda s: scheduling.reschedule_interview(s, actor=hr_user, interview_id=first.id, scheduled_at=moved)
        )
        assert change.interviews == frozenset({str(first.id)})
        assert board.push(change) == 1
        # Only Ann's card was read: Bob keeps the name he had, and moves after her in time.
        assert _names(tab) == ["Bob Beta", "Ann Alpha"] and tab._version == 1
        ann, bob = tab.cards[1], tab.cards[0]
        assert ann.scheduled_at == moved.strftime("%Y-%m-%dT%H:%M:%SZ")
        # The clash goes both ways, though Bob's card was not re-read.
        assert (ann.clash_with, bob.clash_with) == ("Bob Beta", "Ann Alpha")
        assert bob.clash_text.startswith("Clash: Ann Alpha at ")
    finally:
        board.close()


def test_a_decided_interview_leaves_the_board_as_a_one_card_push(make_state, db, org, hr_user, interviewer):
    first, second = _two_cards(db, org, interviewer)
    board = _Tabs(make_state, org, [hr_user, interviewer])
    try:
        _rename_quietly(db, second, "Bob Renamed")
        change = _write(
            lambda s: interviews.update_status(
                s, actor=hr_user, interview_id=first.id, status="selected", notify_candidate=False
            )
        )
        assert change.interviews == frozenset({str(first.id)})
        assert board.push(change) == 2
        for tab in board.tabs.values():
            assert _names(tab) == ["Bob Beta"] and tab._version == 1
    finally:
        board.close()


def test_the_one_card_push_keeps_the_blind_rule(make_state, db, org, hr_user, interviewer):
    ravi = create_user(db, org, role="interviewer", first_name="Ravi")
    outsider = create_user(db, org, role="interviewer", first_name="Olga")
    board = _Tabs(make_state, org, [hr_user, interviewer, ravi, outsider])
    try:
        rated = make_interview(db, org, cv=create_cv(db, org, name="Bea Blind"), interviewer=interviewer, **RATED)
        db.add(InterviewInterviewer(interview_id=rated.id, user_id=ravi.id))
        db.commit()
        # What the scorecard write publishes: this interview only.
        change = live.Change(frozenset({events.Topic.INTERVIEWS}), frozenset({str(rated.id)}))
        assert board.push(change) == 4
        tabs = list(board.tabs.values())
        assert [tab.cards[0].average for tab in tabs] == ["8.0", "8.0", "", ""]
        assert [tab.cards[0].ratings_given for tab in tabs] == [5, 5, 0, 0]
        assert [tab._version for tab in tabs] == [1, 1, 1, 1]
    finally:
        board.close()


def test_a_tab_that_missed_pushes_while_disconnected_re_syncs_when_it_reconnects(
    make_state, db, org, hr_user, interviewer
):
    first, second = _two_cards(db, org, interviewer)
    board = _Tabs(make_state, org, [hr_user, hr_user])
    try:
        stays, drops = board.tabs.values()
        del board.connected["tab-1"]  # its socket is gone
        later = SOON + timedelta(days=2)
        for change in (
            _write(lambda s: interviews.update_status(s, actor=hr_user, interview_id=first.id, status="rejected")),
            _write(
                lambda s: scheduling.reschedule_interview(s, actor=hr_user, interview_id=second.id, scheduled_at=later)
            ),
        ):
            assert board.push(change) == 1
        assert _names(stays) == ["Bob Beta"] and stays._version == 2
        assert _names(drops) == ["Ann Alpha", "Bob Beta"] and drops._version == 0
        assert asyncio.run(board.memory.members(org_key := str(org.id))) == {"tab-0"}

        # The socket comes back: Reflex's reconnect sends hydrate_and_load, which runs the page's on_load.
        board.connected["tab-1"] = drops
        drain(drops.watch())
        assert _names(drops) == ["Bob Beta"] and drops._version == 2
        assert drops.cards[0].scheduled_at == later.strftime("%Y-%m-%dT%H:%M:%SZ")
        assert asyncio.run(board.memory.members(org_key)) == {"tab-0", "tab-1"}

        # And it takes the next one-card push as the others do.
        change = _write(lambda s: interviews.update_status(s, actor=hr_user, interview_id=second.id, status="selected"))
        assert board.push(change) == 2
        assert _names(drops) == [] == _names(stays) and drops._version == 3
    finally:
        board.close()


def test_a_push_after_one_the_tab_missed_re_reads_the_whole_board(make_state, db, org, hr_user, interviewer):
    first, second = _two_cards(db, org, interviewer)
    board = _Tabs(make_state, org, [hr_user])
    try:
        (tab,) = board.tabs.values()
        _rename_quietly(db, second, "Bob Renamed")
        asyncio.run(board.memory.next_version(str(org.id)))  # a push of another worker this tab never got
        change = _write(lambda s: interviews.update_status(s, actor=hr_user, interview_id=first.id, status="selected"))
        assert board.push(change) == 1
        assert _names(tab) == ["Bob Renamed"] and tab._version == 2  # the whole board, read again
    finally:
        board.close()


def test_a_change_that_names_no_interview_re_reads_the_board():
    batch = [
        events.ChangeEvent("o1", events.Topic.INTERVIEWS, "i1"),
        events.ChangeEvent("o1", events.Topic.PANELS),
        events.ChangeEvent("o2", events.Topic.INTERVIEWS, "i2"),
        events.ChangeEvent("o2", events.Topic.CVS),
    ]
    changes = live.changes_of(batch)
    assert changes["o1"] == live.Change(frozenset({events.Topic.INTERVIEWS, events.Topic.PANELS}), frozenset({"i1"}))
    assert changes["o2"].interviews is None  # a CV change that did not say which cards: the whole board


def test_the_board_version_is_one_counter_for_every_worker_with_redis():
    import redis

    url = redis_test_url(BOARD_VERSION)  # a database of its own, emptied before and after
    redis.Redis.from_url(url).flushdb()

    async def run() -> list[int]:
        one, other = registry.RedisRegistry(url), registry.RedisRegistry(url)  # two workers
        return [
            await one.version("o1"),
            await one.next_version("o1"),
            await other.next_version("o1"),
            await one.version("o1"),
            await other.version("o2"),
        ]

    try:
        assert asyncio.run(run()) == [0, 1, 2, 2, 0]
    finally:
        redis.Redis.from_url(url).flushdb()


def test_the_tokens_of_tabs_asking_at_once_are_checked_in_one_hop(monkeypatch, db, org, hr_user, admin, outsider):
    from hr_app.services.security import issue_access_token
    from hr_app.ui.live import batch as push_batch

    hops: list[list[str]] = []
    real = push_batch._organizations_of

    def counted(tokens: list[str]) -> dict[str, str | None]:
        hops.append(tokens)
        return real(tokens)

    monkeypatch.setattr(push_batch, "_organizations_of", counted)
    tokens = [issue_access_token(user.id, user.organization_id).access_token for user in (hr_user, admin, outsider)]
    shared = push_batch.PushBatch()

    async def ask_at_once() -> list[object]:
        read = lambda _session, actor: actor.email  # noqa: E731
        return await asyncio.gather(*(shared.shared(token, str(org.id), "who", read) for token in [*tokens, "bad"]))

    answers = asyncio.run(ask_at_once())
    assert answers == [hr_user.email, hr_user.email, None, None]  # read once, as the first; never for another org
    assert len(hops) == 1 and len(hops[0]) == 4


# Spread pushes (issue 20): with Redis the worker that took the write publishes the push once, and every worker
# refreshes the tabs whose sockets it holds. These tests share BOARD_VERSION's database (one per module and
# test worker: tests/redis_db.py has no slot left for two test workers).


class _Worker:
    """One worker of a Redis deployment: it holds the sockets of `held` (Reflex's token manager: its own socket
    records, and cached records of the other workers' sockets); any tab's state can be opened (the Redis state
    manager), and each opening is recorded."""

    def __init__(self, name: str, roots: dict, held: set[str]) -> None:
        from reflex.utils.token_manager import SocketRecord

        self.roots, self.opened = roots, []
        records = {token: SocketRecord(instance_id=name if token in held else "another", sid=token) for token in roots}

        class _Tokens:
            instance_id = name
            token_to_socket = records

            async def is_token_connected(self, token: str) -> bool:
                return token in records

        self.event_namespace = type("Namespace", (), {"_token_manager": _Tokens()})()

    def modify_state(self, token):
        self.opened.append(token.ident)
        return _FakeApp(self.roots).modify_state(token)


async def _load(tab: LiveState, token: str, path: str = "/ongoing") -> LiveState:
    tab.router = RouterData.from_router_data({"token": token, "pathname": path})
    async for _event in tab.watch():  # on this test's one loop: a Redis client belongs to one loop
        pass
    return tab


class _Spread:
    """Two workers on one Redis database, each listening for the pushes any worker publishes."""

    def __init__(self, url: str, workers: dict[str, _Worker]) -> None:
        self.url, self.workers = url, workers
        self.receivers = {name: live.Receiver(worker) for name, worker in workers.items()}
        self.published: list[registry.Published] = []
        self._listening: dict[str, asyncio.Task[None]] = {}

    async def listen(self, *names: str) -> None:
        for name in names or list(self.workers):
            ready = asyncio.Event()
            receiver = self.receivers[name]
            arrived = receiver.arrived if name != "A" else self._counted(receiver)
            self._listening[name] = asyncio.create_task(registry.RedisRegistry(self.url).listen(arrived, ready))
            await ready.wait()

    def _counted(self, receiver: live.Receiver):
        def arrived(push_: registry.Published) -> None:
            self.published.append(push_)
            receiver.arrived(push_)

        return arrived

    async def stop(self, name: str) -> None:
        self._listening.pop(name).cancel()

    async def push(self, org_id: str, change: live.Change) -> int:
        """A push from worker A, then until every listening worker has refreshed its tabs."""
        seen = len(self.published)
        live.use_app(self.workers["A"])
        refreshed_now = await live.push_organization(org_id, change.topics, change.interviews)
        for _ in range(500):
            if len(self.published) > seen:
                break
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.05)  # the other worker's copy of the same message
        for receiver in self.receivers.values():
            await receiver.drain()
        await asyncio.gather(*live._sweeps)
        return refreshed_now

    async def close(self) -> None:
        for name in list(self._listening):
            await self.stop(name)
        live.use_app(None)


def test_with_redis_a_push_is_published_once_and_each_worker_refreshes_the_tabs_whose_sockets_it_holds(
    make_state, db, org, hr_user, interviewer, outsider
):
    import redis

    url = redis_test_url(BOARD_VERSION)
    redis.Redis.from_url(url).flushdb()
    registry.use_registry(registry.RedisRegistry(url))
    olga = create_user(db, org, role="interviewer", first_name="Olga")  # not on the panel: the blind rule
    first, second = _two_cards(db, org, interviewer)
    evaluation = db.exec(select(Evaluation).where(Evaluation.interview_id == first.id)).one()
    for field, value in RATED.items():
        setattr(evaluation, field, value)
    db.add(evaluation)
    db.commit()
    org_id, key = str(org.id), str(org.id)

    async def run() -> None:
        tabs = {
            "tab-0": await _load(make_state(LiveState, hr_user), "tab-0"),
            "tab-1": await _load(make_state(LiveState, interviewer), "tab-1"),
            "tab-2": await _load(make_state(LiveState, olga), "tab-2"),
            "other-org": await _load(make_state(LiveState, outsider), "other-org"),
        }
        roots = {token: _root(tab) for token, tab in tabs.items()}
        a, b = _Worker("A", roots, {"tab-0", "other-org"}), _Worker("B", roots, {"tab-1", "tab-2"})
        spread = _Spread(url, {"A": a, "B": b})
        await spread.listen()
        found = registry.registry()
        # A stale member of this organization's set: the tab signed in to another organization since.
        await found.add(key, "other-org")
        await found.add(key, "gone")  # a tab whose socket no worker holds any more
        try:
            for number, name in enumerate(["Ann Rated", "Ann Again"], start=1):
                _rename_quietly(db, second, f"Bob Quiet {number}")  # no event names it: a whole re-read would show it
                change = _write(lambda s, name=name: _rename_and_publish(s, first, name))
                a.opened.clear(), b.opened.clear()
                assert await spread.push(org_id, change) == 0  # nothing refreshed by the publisher itself
                # One message for both workers; each opened exactly the tabs whose sockets it holds.
                assert spread.published[-1] == registry.Published(org_id, change.topics, change.interviews, number)
                assert len(spread.published) == number
                assert sorted(a.opened) == (["other-org", "tab-0"] if number == 1 else ["tab-0"])
                assert sorted(b.opened) == ["tab-1", "tab-2"]
                for tab in (tabs["tab-0"], tabs["tab-1"], tabs["tab-2"]):
                    assert _names(tab) == [name, "Bob Beta"] and tab._version == number  # one card patched
                assert [tabs[t].cards[0].average for t in ("tab-0", "tab-1", "tab-2")] == ["8.0", "8.0", ""]
            # The other organization's tab got nothing, and left this organization's set; so did the gone tab.
            assert _names(tabs["other-org"]) == [] and tabs["other-org"]._version == 0
            assert await found.members(key) == {"tab-0", "tab-1", "tab-2"}

            # Worker B misses a push (its subscription is down); its tabs re-read the whole board on the next one.
            await spread.stop("B")
            _rename_quietly(db, second, "Bob Missed")
            change = _write(lambda s: _rename_and_publish(s, first, "Ann Third"))
            await spread.push(org_id, change)
            assert tabs["tab-0"]._version == 3 and tabs["tab-1"]._version == 2
            assert _names(tabs["tab-1"]) == ["Ann Again", "Bob Beta"]
            await spread.listen("B")
            change = _write(lambda s: _rename_and_publish(s, first, "Ann Fourth"))
            await spread.push(org_id, change)
            assert _names(tabs["tab-0"]) == ["Ann Fourth", "Bob Beta"]  # patched: it had every push
            for tab in (tabs["tab-1"], tabs["tab-2"]):  # read whole: the quiet rename shows
                assert _names(tab) == ["Ann Fourth", "Bob Missed"] and tab._version == 4
            assert [tabs[t].cards[0].average for t in ("tab-0", "tab-1", "tab-2")] == ["8.0", "8.0", ""]
        finally:
            await spread.close()

    try:
        asyncio.run(run())
    finally:
        registry.use_registry(None)
        redis.Redis.from_url(url).flushdb()


def _rename_and_publish(session: Session, interview, name: str) -> None:
    """A write that names its interview: its candidate renamed."""
    cv = session.get(UserCvData, interview.candidate_id)
    cv.name = name
    session.add(cv)
    events.publish(session, interview.organization_id, events.Topic.INTERVIEWS, interview_ids=[interview.id])


def test_spread_pushes_to_one_organization_refresh_in_order_one_at_a_time_and_merge_what_arrives_meanwhile():
    interviews = events.Topic.INTERVIEWS.value
    first = registry.Published("o1", frozenset({interviews}), frozenset({"i1"}), 5)
    second = registry.Published("o1", frozenset({events.Topic.PANELS.value}), frozenset(), 0)
    third = registry.Published("o1", frozenset({interviews}), frozenset({"i2"}), 6)
    elsewhere = registry.Published("o2", frozenset({interviews}), None, 1)
    assert registry.Published.decode(elsewhere.encode()) == elsewhere
    assert registry.Published.decode(first.encode()) == first
    refreshed: list[registry.Published] = []

    class _Recording(live.Receiver):
        async def refresh(self, push_: registry.Published) -> int:
            await asyncio.sleep(0.01)
            refreshed.append(push_)
            return 1

    async def run() -> None:
        receiver = _Recording(_FakeApp({}))
        for push_ in (first, second, third, elsewhere):  # as the subscription hands them over, at once
            receiver.arrived(push_)
        await receiver.drain()

    asyncio.run(run())
    # o1's first push, then the two that came during it as one (every topic, both cards, the later version).
    merged = registry.Published("o1", frozenset({interviews, events.Topic.PANELS.value}), frozenset({"i2"}), 6)
    assert sorted(refreshed, key=lambda push_: push_.organization_id) == [first, merged, elsewhere]
    assert refreshed.index(first) < refreshed.index(merged)
    assert (first | elsewhere).interviews is None  # a push that did not say which cards: the whole board
