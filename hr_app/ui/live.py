"""Live updates: committed changes reach every open workspace tab of the organization.

Design (measured in /work/shared/TOOLCHAIN.md, "Live updates"):
- Each workspace page's on_load registers the tab's client token in an organization-scoped registry:
  an in-process dict with one worker, a Redis set when Redis is configured (every worker sees it).
- `events.subscribe(on_events)`: after a service commits, the worker that made the write reads the
  organization's tokens, drops those whose socket is gone, and for each of the others opens the tab's
  state with `app.modify_state(...)` and has it re-read its data from the database. Reflex sends the
  delta to the socket, on whichever worker it lives.
- A tab on the dashboard is also in a set of its own (`dashboard_key`): a panel change alone (no CV or
  interview change) refreshes only those tabs, one push per organization at a time.
- The subscriber runs in the thread that committed: the event loop's own thread (a Reflex handler)
  or a worker thread (a sync FastAPI route). It only schedules the push; it never waits for it.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Awaitable, Callable, Coroutine, Iterable, Mapping
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any, Protocol

import reflex as rx

from hr_app.config import get_settings
from hr_app.services.events import ChangeEvent, Topic
from hr_app.ui import routes

if TYPE_CHECKING:
    from hr_app.ui.states.live import LiveState, PushBatch

logger = logging.getLogger(__name__)

LIVE_TOPICS = frozenset({Topic.INTERVIEWS, Topic.CVS, Topic.PANELS})
# What every workspace tab shows (the nav badge, the board): a change here pushes to all the organization's
# tabs. A panel change alone (panel saved, a candidate's answer or submission) reaches the dashboard tabs only.
BOARD_TOPICS = frozenset({Topic.INTERVIEWS, Topic.CVS})
REDIS_KEY = "hr_app:live:{organization_id}"
REDIS_TTL_S = 7 * 24 * 3600


class Registry(Protocol):
    async def add(self, organization_id: str, token: str) -> None: ...
    async def members(self, organization_id: str) -> set[str]: ...
    async def discard(self, organization_id: str, tokens: Iterable[str]) -> None: ...


class MemoryRegistry:
    """One worker: the tokens live in this process."""

    def __init__(self) -> None:
        self._tokens: dict[str, set[str]] = {}

    async def add(self, organization_id: str, token: str) -> None:
        self._tokens.setdefault(organization_id, set()).add(token)

    async def members(self, organization_id: str) -> set[str]:
        return set(self._tokens.get(organization_id, ()))

    async def discard(self, organization_id: str, tokens: Iterable[str]) -> None:
        self._tokens.get(organization_id, set()).difference_update(tokens)


class RedisRegistry:
    """Several workers: one Redis set per organization, shared by all of them."""

    def __init__(self, url: str) -> None:
        self._url = url
        self._clients: dict[int, Any] = {}

    def _client(self) -> Any:
        import redis.asyncio as redis

        loop_id = id(asyncio.get_running_loop())  # a client belongs to one event loop
        if loop_id not in self._clients:
            self._clients[loop_id] = redis.from_url(self._url, decode_responses=True)
        return self._clients[loop_id]

    @staticmethod
    def _key(organization_id: str) -> str:
        return REDIS_KEY.format(organization_id=organization_id)

    async def add(self, organization_id: str, token: str) -> None:
        key = self._key(organization_id)
        async with self._client().pipeline(transaction=False) as pipe:
            await pipe.sadd(key, token).expire(key, REDIS_TTL_S).execute()

    async def members(self, organization_id: str) -> set[str]:
        return set(await self._client().smembers(self._key(organization_id)))

    async def discard(self, organization_id: str, tokens: Iterable[str]) -> None:
        tokens = list(tokens)
        if tokens:
            await self._client().srem(self._key(organization_id), *tokens)


def dashboard_key(organization_id: str) -> str:
    """The tabs on the dashboard, in their own set of the registry: panel changes go to them alone."""
    return f"dashboard:{organization_id}"


def on_page(page: str, route: str) -> bool:
    return page.rstrip("/") == route.rstrip("/")


def redis_url() -> str | None:
    """Our REDIS_URL, else Reflex's own (its Redis state manager means several workers)."""
    return get_settings().redis_url or os.environ.get("REFLEX_REDIS_URL") or None


_registry: Registry | None = None
_loop: asyncio.AbstractEventLoop | None = None
_tasks: set[asyncio.Task[None]] = set()


def registry() -> Registry:
    global _registry
    if _registry is None:
        url = redis_url()
        _registry = RedisRegistry(url) if url else MemoryRegistry()
    return _registry


def use_registry(value: Registry | None) -> None:
    """Tests swap the registry."""
    global _registry
    _registry = value


async def bind_loop() -> None:
    """Lifespan task of the app: remember the event loop that pushes run on."""
    global _loop
    _loop = asyncio.get_running_loop()


def _app() -> rx.App:
    from hr_app.hr_app import app  # lazy: the app module imports this one

    return app


async def is_connected(app: rx.App, token: str) -> bool:
    namespace = app.event_namespace
    if namespace is None:
        return False
    return await namespace._token_manager.is_token_connected(token)  # private API, sees all workers


async def register(organization_id: str, token: str) -> None:
    await registry().add(organization_id, token)


async def push_organization(organization_id: str) -> int:
    """Refresh every connected tab of the organization; returns how many were refreshed."""
    return await push_tabs(organization_id, lambda app, token, batch: _push_one(app, organization_id, token, batch))


async def push_tabs(key: str, push_one: Callable[[rx.App, str, PushBatch], Awaitable[bool]]) -> int:
    """`push_one(app, token, batch)` for each connected tab in the registry set `key`, all at once; tabs that are
    gone or answer False leave the set. Returns how many were refreshed."""
    from hr_app.ui.states.live import PushBatch

    app = _app()
    tokens = await registry().members(key)
    connected = [token for token in tokens if await is_connected(app, token)]
    batch = PushBatch()
    results = await asyncio.gather(*(push_one(app, token, batch) for token in connected))
    kept = {token for token, refreshed in zip(connected, results, strict=True) if refreshed}
    await registry().discard(key, tokens.difference(kept))
    return len(kept)


async def _push_one(app: rx.App, organization_id: str, token: str, batch: PushBatch) -> bool:
    from hr_app.ui.states.live import LiveState

    try:
        async with app.modify_state(rx.BaseStateToken(ident=token, cls=LiveState)) as root:
            live: LiveState = await root.get_state(LiveState)
            if not live.refresh_from_push(organization_id, batch):
                return False
            page, signed_in = live._page, live.auth_token  # the tab's sign-in token (checked by refresh_from_push)
            if page.startswith(routes.CVS):  # the CVs page follows too (statuses, counts)
                from hr_app.ui.states.cvs import CvsState, read_cv_lists

                cvs: CvsState = await root.get_state(CvsState)
                cvs.refresh_from_push(batch.shared(signed_in, organization_id, "cv-lists", read_cv_lists))
            elif on_page(page, routes.INTERVIEWS):  # the interview list: rows; filters, sort and page stay
                from hr_app.ui.states.interviews import InterviewsState, shared_interview_list

                listing: InterviewsState = await root.get_state(InterviewsState)
                listing.refresh_from_push(
                    batch.shared(signed_in, organization_id, "interview-list", shared_interview_list)
                )
            elif page.startswith(routes.INTERVIEWS + "/"):  # an interview page: status, history, evaluation
                from hr_app.ui.states.interview import InterviewState

                interview: InterviewState = await root.get_state(InterviewState)
                interview.refresh_from_push()
            elif on_page(page, routes.HOME):  # the dashboard: every figure
                await _refresh_dashboard(root, organization_id, signed_in, batch)
            return True
    except Exception:
        logger.exception("Live push to a tab failed")
        return True


async def _refresh_dashboard(root: rx.State, organization_id: str, auth_token: str, batch: PushBatch) -> bool:
    """The tab's sign-in token (not its client token) says whose figures these are."""
    from hr_app.ui.states.dashboard import DashboardState, shared_figures

    figures = batch.shared(auth_token, organization_id, "dashboard", shared_figures)
    if figures is None:
        return False
    dashboard: DashboardState = await root.get_state(DashboardState)
    dashboard.refresh_from_push(figures)
    return True


async def push_dashboards(organization_id: str) -> int:
    """A panel change: refresh the organization's connected dashboard tabs only; returns how many."""
    return await push_tabs(
        dashboard_key(organization_id), lambda app, token, batch: _push_dashboard(app, organization_id, token, batch)
    )


async def _push_dashboard(app: rx.App, organization_id: str, token: str, batch: PushBatch) -> bool:
    from hr_app.ui.states.live import LiveState

    try:
        async with app.modify_state(rx.BaseStateToken(ident=token, cls=LiveState)) as root:
            live: LiveState = await root.get_state(LiveState)
            if live._organization_id != organization_id or not on_page(live._page, routes.HOME):
                return False  # moved to another page (or organization): out of the dashboard set
            return await _refresh_dashboard(root, organization_id, live.auth_token, batch)
    except Exception:
        logger.exception("Live push to a dashboard tab failed")
        return True


_dashboard_rerun: dict[str, bool] = {}


async def push_dashboards_coalesced(organization_id: str) -> None:
    """Panel autosaves come in bursts: one dashboard push per organization at a time, and one more after it
    when changes arrived meanwhile (so the last change is always shown)."""
    if organization_id in _dashboard_rerun:
        _dashboard_rerun[organization_id] = True
        return
    _dashboard_rerun[organization_id] = False
    try:
        while True:
            await push_dashboards(organization_id)
            if not _dashboard_rerun[organization_id]:
                return
            _dashboard_rerun[organization_id] = False
    finally:
        _dashboard_rerun.pop(organization_id, None)


async def push(changes: Mapping[str, Iterable[Topic]]) -> None:
    """Per organization: a CV or interview change reaches every tab; a panel change alone, the dashboards."""
    for organization_id in sorted(changes):
        topics = set(changes[organization_id])
        if topics & BOARD_TOPICS:
            await push_organization(organization_id)
        elif Topic.PANELS in topics:
            await push_dashboards_coalesced(organization_id)


def on_events(batch: list[ChangeEvent]) -> None:
    """events subscriber: schedule a push for each organization whose live data changed."""
    organizations: dict[str, set[Topic]] = {}
    for event in batch:
        if event.topic in LIVE_TOPICS:
            organizations.setdefault(event.organization_id, set()).add(event.topic)
    if organizations:
        schedule(lambda: push(organizations))


def schedule(make_push: Callable[[], Coroutine[Any, Any, None]]) -> None:
    """Run `make_push()` on the app's event loop, from that loop or from any thread; never wait for it.

    The events subscribers run in the thread that committed (the loop's own, or a worker thread).
    """
    if _loop is None or _loop.is_closed():
        return
    try:
        running = asyncio.get_running_loop()
    except RuntimeError:
        running = None
    if running is _loop:
        task = _loop.create_task(make_push())
        _tasks.add(task)
        task.add_done_callback(_tasks.discard)
    else:
        future: Future[None] = asyncio.run_coroutine_threadsafe(make_push(), _loop)
        future.add_done_callback(_log_failure)


def _log_failure(future: Future[None]) -> None:
    if not future.cancelled() and future.exception() is not None:
        logger.error("Live push failed", exc_info=future.exception())
