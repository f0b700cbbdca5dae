"""State tests: page states built under one root state, signed in with a real token for a factory user."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable
from typing import Any, TypeVar

import pytest

import hr_app.hr_app  # noqa: F401  (registers every page state under the one rx.App)
from hr_app.models import AppUser
from hr_app.services.security import issue_access_token
from hr_app.ui.live import Push
from hr_app.ui.live.batch import PushBatch

S = TypeVar("S")


@pytest.fixture
def make_state() -> Callable[..., Any]:
    from reflex.state import State

    def make(cls: type[S], user: AppUser | None = None, tz_offset: int = 0) -> S:
        root = State(_reflex_internal_init=True)
        state = root.get_substate(cls.get_full_name().split(".")[1:])  # type: ignore[attr-defined]
        if user is not None:
            state.auth_token = issue_access_token(user.id, user.organization_id).access_token
            state.user_id, state.user_role, state.user_name = user.id, user.role, user.full_name
        state.tz_offset_value = str(tz_offset)
        return state

    return make


def drain(result: Any) -> list[Any]:
    """Run a handler's result to the end (generators yield events) and return what it yielded.

    Async handlers (coroutines and async generators) run to the end on a fresh event loop.
    """
    if inspect.isasyncgen(result):
        return asyncio.run(_drain_async(result))
    if inspect.iscoroutine(result):
        result = asyncio.run(result)
    if result is None:
        return []
    if hasattr(result, "__next__"):
        return list(result)
    return [result]


async def _drain_async(generator: Any) -> list[Any]:
    return [event async for event in generator]


def push_to(state: Any, organization_id: str) -> bool:
    """What a live push does to one tab: its page's refresh, awaited with a fresh push of `organization_id`."""
    return asyncio.run(state._refresh_from_push(Push(organization_id, PushBatch())))
