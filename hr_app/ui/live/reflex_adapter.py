"""Every Reflex internal the live layer touches, in one place (tests/ui/test_reflex_adapter.py pins them).

A Reflex upgrade that renames or reshapes one of these fails that test, not a push in production.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import reflex as rx


def on_startup(app: rx.App, task: Callable[[], Awaitable[None]]) -> None:
    """Run `task` once the app's event loop runs (a lifespan task)."""
    app.register_lifespan_task(task)


async def is_connected(app: rx.App, token: str) -> bool:
    """Whether the tab's socket is still open, on any worker (a private API of Reflex's token manager)."""
    namespace = app.event_namespace
    if namespace is None:
        return False
    return await namespace._token_manager.is_token_connected(token)


def holds_socket(app: rx.App, token: str) -> bool:
    """Whether this worker holds the tab's socket: the token manager's own socket records are authoritative
    (it also caches other workers' records, under their instance id)."""
    namespace = app.event_namespace
    if namespace is None:
        return False
    manager = namespace._token_manager
    record = manager.token_to_socket.get(token)
    return record is not None and record.instance_id == manager.instance_id


@asynccontextmanager
async def tab_state(app: rx.App, token: str, state: type[rx.State]) -> AsyncIterator[rx.State]:
    """The root state of the tab `token`, loaded with `state`; Reflex sends the delta to its socket on exit."""
    async with app.modify_state(rx.BaseStateToken(ident=token, cls=state)) as root:
        yield root


async def read_substate(app: rx.App, token: str, state: type[rx.State]) -> Any:
    """One state of the tab `token`, read without taking the tab's lock: to read, never to change."""
    root = await app.state_manager.get_state(rx.BaseStateToken(ident=token, cls=state))
    return await root.get_state(state)


async def substate(root: rx.State, state: type[rx.State]) -> Any:
    return await root.get_state(state)


def client_token(state: rx.State) -> str:
    """The tab's own token (not the sign-in token): what `tab_state` opens."""
    return state.router.session.client_token
