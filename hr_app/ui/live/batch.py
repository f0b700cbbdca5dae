"""One push to an organization's tabs: each sign-in token checked once, each shared list read once, off the loop.

The tokens of the tabs that ask at the same moment are checked together, in one worker-thread hop: ten tabs of
ten users were ten hops queueing for the UI's two threads before the first card could be built.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, TypeVar

from sqlmodel import Session

from hr_app.db import session_scope
from hr_app.kit.errors import DomainError
from hr_app.models import AppUser
from hr_app.services import auth
from hr_app.ui.offloop import off_loop

T = TypeVar("T")


def _organization_of(session: Session, token: str) -> str | None:
    try:
        return str(auth.user_from_token(session, token).organization_id)
    except DomainError:
        return None


def _organizations_of(tokens: list[str]) -> dict[str, str | None]:
    with session_scope() as session:
        return {token: _organization_of(session, token) for token in tokens}


def _read_as(token: str, read: Callable[[Session, AppUser], T]) -> T:
    with session_scope() as session:
        return read(session, auth.user_from_token(session, token))


class PushBatch:
    """The lists a push re-reads (the board, the dashboard's figures, the interview list) are the organization's,
    the same for every member: the first tab that needs one reads it in a worker thread, the others await it."""

    def __init__(self) -> None:
        self._organizations: dict[str, asyncio.Future[str | None]] = {}
        self._shared: dict[tuple[str, str], asyncio.Future[Any]] = {}
        self._unchecked: list[str] = []  # tokens asked for since the last check started
        self._checks: set[asyncio.Task[None]] = set()  # kept until done (the loop holds tasks weakly)

    async def shared(
        self, token: str, organization_id: str, name: str, read: Callable[[Session, AppUser], T]
    ) -> T | None:
        """`read(session, actor)` once per push and organization; None when the token is not of this organization."""
        if await self._organization(token) != organization_id:
            return None
        key = (organization_id, name)
        if key not in self._shared:
            self._shared[key] = asyncio.ensure_future(off_loop(_read_as, token, read))
        try:
            return await self._shared[key]
        except DomainError:
            return None

    def _organization(self, token: str) -> asyncio.Future[str | None]:
        if token not in self._organizations:
            self._organizations[token] = asyncio.get_running_loop().create_future()
            self._unchecked.append(token)
            if len(self._unchecked) == 1:
                check = asyncio.ensure_future(self._check())
                self._checks.add(check)
                check.add_done_callback(self._checks.discard)
        return self._organizations[token]

    async def _check(self) -> None:
        await asyncio.sleep(0)  # the other tabs of this push that are ready ask in the meantime
        tokens, self._unchecked = self._unchecked, []
        try:
            found = await off_loop(_organizations_of, tokens)
        except Exception as error:  # each waiting tab hears it, as with one check per token
            for token in tokens:
                self._organizations[token].set_exception(error)
            return
        for token in tokens:
            self._organizations[token].set_result(found[token])
