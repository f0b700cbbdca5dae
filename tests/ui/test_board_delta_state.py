"""Board pushes carry what changed (issue 20): the interviews a write names are re-read once per push and each
tab patches those cards (added, replaced, removed; the blind rule kept); a tab that missed a push re-reads the
whole board, on its next push or when its socket comes back (Reflex's reconnect runs the page's on_load)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from reflex.istate.data import RouterData
from sqlmodel import Session

from hr_app.db import session_scope
from hr_app.models import InterviewInterviewer, UserCvData
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
