"""One push to an organization's tabs: each sign-in token checked once, each shared list read once, off the loop."""

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


def _organization_of(token: str) -> str | None:
    try:
        with session_scope() as session:
            return str(auth.user_from_token(session, token).organization_id)
    except DomainError:
        return None


def _read_as(token: str, read: Callable[[Session, AppUser], T]) -> T:
    with session_scope() as session:
        return read(session, auth.user_from_token(session, token))


class PushBatch:
    """The lists a push re-reads (the board, the dashboard's figures, the interview list) are the organization's,
    the same for every member: the first tab that needs one reads it in a worker thread, the others await it."""

    def __init__(self) -> None:
        self._organizations: dict[str, asyncio.Future[str | None]] = {}
        self._shared: dict[tuple[str, str], asyncio.Future[Any]] = {}

    async def shared(
        self, token: str, organization_id: str, name: str, read: Callable[[Session, AppUser], T]
    ) -> T | None:
        """`read(session, actor)` once per push and organization; None when the token is not of this organization."""
        if token not in self._organizations:
            self._organizations[token] = asyncio.ensure_future(off_loop(_organization_of, token))
        if await self._organizations[token] != organization_id:
            return None
        key = (organization_id, name)
        if key not in self._shared:
            self._shared[key] = asyncio.ensure_future(off_loop(_read_as, token, read))
        try:
            return await self._shared[key]
        except DomainError:
            return None
