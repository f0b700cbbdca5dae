"""Slow work (database, password hashes, files) runs in a worker thread, never on the event loop.

Reflex runs a synchronous event handler inline on the loop, so a handler that opens a database session
freezes every websocket and async route of its worker for as long as the query takes. Handlers are
`async def` and hand the work to one of these. The work function gets plain arguments and returns plain
data; the handler assigns the result to the state after the `await` (never from the thread).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from sqlmodel import Session

from hr_app.db import session_scope

P = ParamSpec("P")
T = TypeVar("T")


async def off_loop(work: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
    """Run `work` in the default thread pool (context variables are carried along)."""
    return await asyncio.to_thread(work, *args, **kwargs)


async def in_unit_of_work(work: Callable[[Session], T]) -> T:
    """Run `work(session)` in one unit of work (commit on success, roll back on error) off the loop."""

    def run() -> T:
        with session_scope() as session:
            return work(session)

    return await asyncio.to_thread(run)
