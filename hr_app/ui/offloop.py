"""Slow work (database, password hashes, files) runs in a worker thread, never on the event loop.

Reflex runs a synchronous event handler inline on the loop, so a handler that opens a database session
freezes every websocket and async route of its worker for as long as the query takes. Handlers are
`async def` and hand the work to one of these. The work function gets plain arguments and returns plain
data; the handler assigns the result to the state after the `await` (never from the thread).

The work runs in a small pool of its own (`UI_WORKER_THREADS`, 2 by default), not asyncio's default pool
(cpu count + 4 threads): the work is mostly Python holding the GIL, and every extra thread that wants the GIL
makes the loop thread wait longer for it. With 6 threads, 20 sign-ins and 20 saves at once stalled the loop for
53-117 ms; with 2, 14-32 ms (tests/ui/test_event_loop_lag.py; decision 51). A busier worker process scales
out by adding processes, not threads.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

from sqlmodel import Session

from hr_app.config import get_settings
from hr_app.db import session_scope

P = ParamSpec("P")
T = TypeVar("T")

_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _ui_pool() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(get_settings().ui_worker_threads, thread_name_prefix="hr-ui")
        return _pool


async def off_loop(work: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
    """Run `work` in the UI's worker threads (context variables are carried along, as `asyncio.to_thread` does)."""
    context = contextvars.copy_context()
    call = functools.partial(context.run, work, *args, **kwargs)
    return await asyncio.get_running_loop().run_in_executor(_ui_pool(), call)


async def in_unit_of_work(work: Callable[[Session], T]) -> T:
    """Run `work(session)` in one unit of work (commit on success, roll back on error) off the loop."""

    def run() -> T:
        with session_scope() as session:
            return work(session)

    return await off_loop(run)
