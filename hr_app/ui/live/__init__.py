"""Live updates: a committed change reaches the open tabs of the pages that show it.

A live page registers, next to its own state, what it shows (`register_page(LivePage(...))`): the topics it
follows, the registry set of tabs it serves, and how it refreshes (an async method of its state that
re-reads its data off the loop). This layer imports no page: the app module calls `install(app)`.

A push (after a service commits, `on_events`): per organization, the pages following the changed topics;
their tabs' client tokens from the registry; for each connected tab, once, its state opened with Reflex
(reflex_adapter) and each of its pages' refresh awaited; Reflex sends the delta to the socket, on whichever
worker it lives. One `PushBatch` per push: each shared list read once, in a worker thread. A tab whose
refresh answers False (another organization, left the page) or whose socket is gone leaves that set.
Pushes to one organization run one at a time; changes arriving meanwhile make one more push after it.

A push of board changes carries the interviews they are about (`Push.changed`, None when a publisher did not
say) and the organization's next board version (`Push.version`): a tab whose version is the one before patches
just those cards; a tab that missed a push (its socket was gone, or it joined meanwhile) re-reads the board.

With several workers (a Redis registry) the worker that took the write only counts the version and publishes the
push once; every worker's `Receiver` (a lifespan task) refreshes the tabs whose sockets it holds, so each delta
goes straight to its socket and a push's tabs are served by all the workers at once. Pushes to one organization
stay in order on each worker (one at a time, what arrives meanwhile merged into one more).
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any, TypeVar

import reflex as rx
from sqlmodel import Session

from hr_app.models import AppUser
from hr_app.services import events
from hr_app.services.events import ChangeEvent, Topic
from hr_app.ui.live import reflex_adapter, registry, scheduler
from hr_app.ui.live.batch import PushBatch

logger = logging.getLogger(__name__)
T = TypeVar("T")

# What every workspace tab shows (the nav badge, the board) and the lists built on CVs and interviews.
BOARD_TOPICS = frozenset({Topic.INTERVIEWS, Topic.CVS})
WORKSPACE = ""  # the registry set of every workspace tab of the organization
# With spread pushes no worker sees every tab's socket: the tokens of closed tabs leave the sets at most this often.
SWEEP_S = 60.0


@dataclasses.dataclass(frozen=True)
class Change:
    """What changed in one organization: the topics, and the interviews the board changes are about (None: a
    publisher did not say, so the board is re-read whole)."""

    topics: frozenset[Topic]
    interviews: frozenset[str] | None = frozenset()

    def __or__(self, other: Change) -> Change:
        both = None if self.interviews is None or other.interviews is None else self.interviews | other.interviews
        return Change(self.topics | other.topics, both)


@dataclasses.dataclass(frozen=True)
class Push:
    """What a page's refresh gets: the organization that changed, the push's shared reads, and for board changes
    the interviews they are about (None: anything) and the organization's board version this push brings."""

    organization_id: str
    batch: PushBatch
    changed: frozenset[str] | None = None
    version: int = 0

    async def shared(self, token: str, name: str, read: Callable[[Session, AppUser], T]) -> T | None:
        """`read(session, actor)` once per push for all the organization's tabs; None when `token` (the tab's
        sign-in token) is not of this organization."""
        return await self.batch.shared(token, self.organization_id, name, read)

    async def is_member(self, token: str) -> bool:
        return await self.batch.shared(token, self.organization_id, "member", lambda _session, _actor: True) is True


@dataclasses.dataclass(frozen=True)
class LivePage:
    state: type[rx.State]
    topics: frozenset[Topic]
    refresh: Callable[[Any, Push], Awaitable[bool]]  # False: the tab leaves the set
    tabs: str  # the registry set it serves (WORKSPACE: every workspace tab)
    # Which page paths put a tab in the set when a workspace page loads (`join_workspace`); None: the page
    # adds its tabs itself (`join`).
    route: Callable[[str], bool] | None = None


_pages: list[LivePage] = []
_app: rx.App | None = None
_rerun: dict[str, Change] = {}
_swept: dict[str, float] = {}  # organization -> when its sets were last swept of closed tabs (spread pushes)
_sweeps: set[asyncio.Task[None]] = set()


def register_page(page: LivePage) -> LivePage:
    _pages.append(page)
    return page


def pages() -> tuple[LivePage, ...]:
    return tuple(_pages)


def set_key(tabs: str, organization_id: str) -> str:
    return f"{tabs}:{organization_id}" if tabs else organization_id


def on_page(path: str, route: str) -> bool:
    return path.rstrip("/") == route.rstrip("/")


def install(app: rx.App) -> None:
    """The app module's one call: pushes run on the app's loop after every committed change."""
    use_app(app)
    reflex_adapter.on_startup(app, scheduler.bind_loop)
    reflex_adapter.on_startup(app, Receiver(app).listen)
    events.subscribe(on_events)


def use_app(app: rx.App | None) -> None:
    """The app whose tabs are pushed to (tests pass a fake one)."""
    global _app
    _app = app


async def join(page: LivePage, organization_id: str, state: rx.State) -> None:
    """Put the tab of `state` in the set `page` serves."""
    await registry.registry().add(set_key(page.tabs, organization_id), reflex_adapter.client_token(state))


async def join_workspace(organization_id: str, state: rx.State, path: str) -> None:
    """on_load of every workspace page: the tab joins the sets of the routed pages at `path`, leaves the others."""
    token = reflex_adapter.client_token(state)
    for page in _pages:
        if page.route is None:
            continue
        key = set_key(page.tabs, organization_id)
        if page.route(path):
            await registry.registry().add(key, token)
        else:
            await registry.registry().discard(key, [token])


def changes_of(batch: list[ChangeEvent]) -> dict[str, Change]:
    """The followed changes of a batch of events, per organization."""
    followed = frozenset().union(*(page.topics for page in _pages))
    organizations: dict[str, Change] = {}
    for event in batch:
        if event.topic in followed:
            about = frozenset({event.interview_id}) if event.interview_id else None
            if event.topic not in BOARD_TOPICS:
                about = frozenset()
            change = Change(frozenset({event.topic}), about)
            before = organizations.get(event.organization_id)
            organizations[event.organization_id] = before | change if before else change
    return organizations


async def board_version(organization_id: str) -> int:
    """The organization's board version now: what a tab that reads the whole board after this shows."""
    return await registry.registry().version(organization_id)


def on_events(batch: list[ChangeEvent]) -> None:
    """events subscriber: schedule a push for each organization whose followed data changed."""
    organizations = changes_of(batch)
    if organizations:
        scheduler.schedule(lambda: push(organizations))


async def push(changes: Mapping[str, Change | Iterable[Topic]]) -> None:
    for organization_id in sorted(changes):
        change = changes[organization_id]
        await push_coalesced(organization_id, change if isinstance(change, Change) else Change(frozenset(change), None))


async def push_coalesced(organization_id: str, change: Change) -> None:
    """Changes come in bursts (panel autosaves): one push per organization at a time, and one more after it
    with what arrived meanwhile (so the last change is always shown)."""
    if organization_id in _rerun:
        _rerun[organization_id] |= change
        return
    nothing = Change(frozenset())
    _rerun[organization_id] = nothing
    try:
        while change.topics:
            await push_organization(organization_id, change.topics, change.interviews)
            change, _rerun[organization_id] = _rerun[organization_id], nothing
    finally:
        _rerun.pop(organization_id, None)


def _following(topics: Iterable[Topic]) -> list[LivePage]:
    changed = set(topics)
    return [page for page in _pages if page.topics & changed]


async def push_organization(
    organization_id: str, topics: Iterable[Topic], interviews: frozenset[str] | None = None
) -> int:
    """Refresh the organization's connected tabs of the pages following `topics`; returns how many tabs this worker
    refreshed now (with spread pushes 0: each worker's `Receiver` refreshes its own tabs).
    `interviews`: what the board changes are about (None: anything, the board is re-read whole)."""
    changed = set(topics)
    following = _following(changed)
    if not following or _app is None:
        return 0
    found = registry.registry()
    # Counted before any read of this push, so every change this push shows is at or below its version.
    version = await found.next_version(organization_id) if changed & BOARD_TOPICS else 0
    if found.spreads:
        await found.publish(registry.Published(organization_id, frozenset(changed), interviews, version))
        _sweep_soon(_app, organization_id)
        return 0
    members = await _members(organization_id, following)
    tabs = _tabs_of(organization_id, following, members)
    alive = await asyncio.gather(*(reflex_adapter.is_connected(_app, token) for token in tabs))  # at once
    connected = {token: tabs[token] for token, up in zip(tabs, alive, strict=True) if up}
    refreshed, kept = await _refresh_tabs(
        _app, organization_id, connected, Push(organization_id, PushBatch(), interviews, version)
    )
    for key, tokens in members.items():
        await found.discard(key, {token for token in tokens if (token, key) not in kept})
    return refreshed


async def _members(organization_id: str, following: list[LivePage]) -> dict[str, set[str]]:
    keys = {set_key(page.tabs, organization_id) for page in following}
    return {key: await registry.registry().members(key) for key in keys}


def _tabs_of(
    organization_id: str, following: list[LivePage], members: dict[str, set[str]]
) -> dict[str, list[LivePage]]:
    tabs: dict[str, list[LivePage]] = {}
    for page in following:
        for token in members[set_key(page.tabs, organization_id)]:
            tabs.setdefault(token, []).append(page)
    return tabs


async def _refresh_tabs(
    app: rx.App, organization_id: str, tabs: dict[str, list[LivePage]], push_: Push
) -> tuple[int, set[tuple[str, str]]]:
    """Every tab at once; how many answered, and the (token, set) pairs to keep (a page that answered False
    leaves its set)."""
    results = await asyncio.gather(*(_refresh_tab(app, token, pages_, push_) for token, pages_ in tabs.items()))
    kept = {
        (token, set_key(page.tabs, organization_id))
        for token, refreshed in zip(tabs, results, strict=True)
        for page in refreshed
    }
    return sum(1 for ok in results if ok), kept


async def _refresh_tab(app: rx.App, token: str, tab_pages: list[LivePage], push_: Push) -> list[LivePage]:
    """One state modification (one delta) per tab, every page it follows refreshed in it."""
    try:
        async with reflex_adapter.tab_state(app, token, tab_pages[0].state) as root:
            kept = []
            for page in tab_pages:
                if await page.refresh(await reflex_adapter.substate(root, page.state), push_):
                    kept.append(page)
            return kept
    except Exception:
        logger.exception("Live push to a tab failed")
        return tab_pages


class Receiver:
    """One worker's side of spread pushes: for every push any worker publishes, the tabs whose sockets this worker
    holds. One refresh per organization at a time; what arrives meanwhile is merged into exactly one more."""

    def __init__(self, app: rx.App) -> None:
        self.app = app
        self._arriving: dict[str, registry.Published | None] = {}  # organization -> what came while it refreshes
        self._tasks: set[asyncio.Task[None]] = set()

    async def listen(self) -> None:
        """Lifespan task of the app: with one worker there is nothing to listen to."""
        found = registry.registry()
        if found.spreads:
            await found.listen(self.arrived)

    def arrived(self, push_: registry.Published) -> None:
        """On the loop, in the order published; never waits."""
        organization_id = push_.organization_id
        if organization_id in self._arriving:
            pending = self._arriving[organization_id]
            self._arriving[organization_id] = push_ if pending is None else pending | push_
            return
        self._arriving[organization_id] = None
        task = asyncio.get_running_loop().create_task(self._refresh_in_turn(push_))
        self._tasks.add(task)
        task.add_done_callback(self._done)

    async def drain(self) -> None:
        """Wait for the refreshes under way (tests)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks))

    async def _refresh_in_turn(self, push_: registry.Published) -> None:
        organization_id = push_.organization_id
        next_: registry.Published | None = push_
        try:
            while next_ is not None:
                try:
                    await self.refresh(next_)
                except Exception:  # the next push still runs (and re-syncs a tab this one left behind)
                    logger.exception("Live push failed")
                next_, self._arriving[organization_id] = self._arriving[organization_id], None
        finally:
            self._arriving.pop(organization_id, None)

    async def refresh(self, push_: registry.Published) -> int:
        """Refresh this worker's tabs of the push; returns how many answered."""
        organization_id = push_.organization_id
        following = _following(Topic(topic) for topic in push_.topics)
        if not following:
            return 0
        members = await _members(organization_id, following)
        tabs = _tabs_of(organization_id, following, members)
        here = {token: pages_ for token, pages_ in tabs.items() if reflex_adapter.holds_socket(self.app, token)}
        if not here:
            return 0
        batch = Push(organization_id, PushBatch(), push_.interviews, push_.version)
        refreshed, kept = await _refresh_tabs(self.app, organization_id, here, batch)
        for key, tokens in members.items():
            await registry.registry().discard(
                key, {token for token in tokens & here.keys() if (token, key) not in kept}
            )
        return refreshed

    def _done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            logger.error("Live push failed", exc_info=task.exception())


def _sweep_soon(app: rx.App, organization_id: str) -> None:
    """At most every SWEEP_S per organization, after a spread push: the tokens no worker holds a socket for leave
    the sets (off the push's path; a tab that comes back joins again on its page's load)."""
    now = time.monotonic()
    if now - _swept.get(organization_id, -SWEEP_S) < SWEEP_S:
        return
    _swept[organization_id] = now
    task = asyncio.get_running_loop().create_task(_sweep(app, organization_id))
    _sweeps.add(task)
    task.add_done_callback(_sweeps.discard)


async def _sweep(app: rx.App, organization_id: str) -> None:
    try:
        for key in {set_key(page.tabs, organization_id) for page in _pages}:
            tokens = list(await registry.registry().members(key))
            alive = await asyncio.gather(*(reflex_adapter.is_connected(app, token) for token in tokens))
            await registry.registry().discard(key, {token for token, up in zip(tokens, alive, strict=True) if not up})
    except Exception:
        logger.exception("Live: sweeping closed tabs failed")
