"""Bound how many API requests hold database resources at once.

- Admission: at most 2 x DB_CONCURRENCY API requests are in progress; the others wait in the event loop before
  they open a session, holding nothing. Without it, requests past the connection pool's size wait for a
  connection *inside* a pool thread, and the requests that hold connections then wait for those threads: a
  deadlock until the pool's timeout (32 concurrent requests all timed out before this).
- Threads: DB_CONCURRENCY pool threads for route work. 40 threads (anyio's default) share one GIL and, on SQLite,
  one write lock, so every transaction held the lock 40x longer and the queue behind it timed out.
- Commits: a sync route's unit of work commits in the route's own thread (`UnitOfWorkRoute`), and
  transactions finish on threads of their own (`finish`), never queued behind route work.

bench/panel_load.py and bench/api_latency.py show the effect (docs/performance.md).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

import anyio
import anyio.to_thread
from anyio.lowlevel import RunVar
from fastapi.routing import APIRoute
from sqlalchemy.orm import Session
from starlette.types import ASGIApp, Receive, Scope, Send

from hr_app.config import get_settings

# Commits and rollbacks get threads of their own (one set per event loop), never queued behind route work.
_FINISH_LIMITER: RunVar[anyio.CapacityLimiter] = RunVar("hr_app_finish_limiter")


def _finish_limiter() -> anyio.CapacityLimiter:
    try:
        return _FINISH_LIMITER.get()
    except LookupError:
        limiter = anyio.CapacityLimiter(get_settings().db_concurrency)
        _FINISH_LIMITER.set(limiter)
        return limiter


async def finish(step: Callable[[], None]) -> None:
    """Run a session's commit, rollback or close in a thread reserved for finishing transactions."""
    await anyio.to_thread.run_sync(step, limiter=_finish_limiter())


_ADMISSION: RunVar[anyio.CapacityLimiter] = RunVar("hr_app_api_admission")


def _admission() -> anyio.CapacityLimiter:
    try:
        return _ADMISSION.get()
    except LookupError:
        # The first API request on this event loop: size its worker threads once, then admit.
        anyio.to_thread.current_default_thread_limiter().total_tokens = get_settings().db_concurrency
        limiter = anyio.CapacityLimiter(admitted_requests())
        _ADMISSION.set(limiter)
        return limiter


def admitted_requests() -> int:
    """API requests in progress at once; the connection pool is sized above it (see db.py)."""
    return 2 * get_settings().db_concurrency


class DatabaseConcurrencyMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope.get("path", "").startswith("/api/"):
            await self.app(scope, receive, send)
            return
        async with _admission():
            await self.app(scope, receive, send)


class UnitOfWorkRoute(APIRoute):
    """A route whose sync endpoint commits its unit of work in the endpoint's own thread, as soon as it returns.

    FastAPI validates a sync route's response in *another* pool thread before it leaves the `SessionDep`
    scope. A transaction still open then would hold SQLite's write lock while waiting for a thread that the
    requests queued behind that lock occupy: a convoy that ends only when busy_timeout fails them all.
    Committing here releases the lock first; the dependency's own commit then finds nothing left to do.
    Every router declares it (`APIRouter(route_class=UnitOfWorkRoute)`), so the endpoint is wrapped once, where
    the route is built, and the served route is never patched afterwards.
    """

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        super().__init__(path, _committing(endpoint), **kwargs)


def _committing(call: Callable[..., Any]) -> Callable[..., Any]:
    if inspect.iscoroutinefunction(call):  # async routes (the reads) run their unit of work in `reads.read_json`
        return call

    @functools.wraps(call)
    def endpoint(*args: Any, **kwargs: Any) -> Any:
        result = call(*args, **kwargs)
        for value in kwargs.values():
            if isinstance(value, Session):
                value.commit()
        return result

    return endpoint
