"""The one way to start a push: from the event loop or from any thread, never waiting for it."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from concurrent.futures import Future
from typing import Any

logger = logging.getLogger(__name__)

_loop: asyncio.AbstractEventLoop | None = None
_tasks: set[asyncio.Task[None]] = set()


async def bind_loop() -> None:
    """Lifespan task of the app: remember the event loop that pushes run on."""
    global _loop
    _loop = asyncio.get_running_loop()


def use_loop(loop: asyncio.AbstractEventLoop | None) -> None:
    """Tests bind the loop they run on."""
    global _loop
    _loop = loop


def schedule(make_push: Callable[[], Coroutine[Any, Any, None]]) -> None:
    """Run `make_push()` on the app's event loop; the events subscriber runs in the thread that committed
    (the loop's own for a Reflex handler, a worker thread for a sync FastAPI route)."""
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


async def drain() -> None:
    """Wait for the pushes started on this loop (tests)."""
    while _tasks:
        await asyncio.gather(*list(_tasks))


def _log_failure(future: Future[None]) -> None:
    if not future.cancelled() and future.exception() is not None:
        logger.error("Live push failed", exc_info=future.exception())
