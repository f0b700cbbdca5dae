"""Request plumbing: the unit of work and the caller."""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Query, Request, Response
from fastapi.security import OAuth2PasswordBearer
from sqlmodel import Session

from hr_app.api.concurrency import DeferredUser, finish, in_api_thread
from hr_app.db import new_session
from hr_app.models import AppUser
from hr_app.services import auth, rate_limit
from hr_app.services.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE, MAX_PAGE_SIZE, PageRequest

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/auth/token/", auto_error=False)


async def get_session() -> AsyncIterator[Session]:
    """The request's unit of work. `concurrency.UnitOfWorkRoute` commits and closes it in the route's thread.

    What is left here is a request that failed before its route ran (a 401, a 422 after the user was loaded):
    its read transaction is rolled back on a thread of its own, never waiting behind route work.
    """
    session = new_session()
    try:
        yield session
    finally:
        if session.in_transaction():
            await finish(session.close)
        else:
            session.close()


# scope="function": the unit of work commits when the route returns, before the response is sent,
# so a client never reads its own write as missing.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


async def get_current_user(session: SessionDep, token: Annotated[str | None, Depends(oauth2_scheme)]) -> AppUser:
    """Loaded before the body is read, so a caller who may not call the route hears that first (401, 403)."""
    return await in_api_thread(functools.partial(auth.user_from_token, session, token))


CurrentUser = Annotated[AppUser, Depends(get_current_user)]


async def deferred_user(token: Annotated[str | None, Depends(oauth2_scheme)]) -> DeferredUser:
    return DeferredUser(token)


# For the hot reads (no body, no role check before it): the route class checks the token in the route's own
# thread hop and hands the endpoint the signed-in AppUser, saving the hop `CurrentUser` costs. A malformed
# query is then refused (422) before the token is looked at.
Caller = Annotated[AppUser, Depends(deferred_user)]


async def client_address(request: Request) -> str:  # async: no thread hop for a dict read
    peer = request.client.host if request.client else "unknown"
    return rate_limit.client_address(peer, request.headers.get("x-forwarded-for", ""))


ClientAddress = Annotated[str, Depends(client_address)]


async def pagination(  # async: FastAPI would run a sync dependency in a pool thread
    page: Annotated[
        int | None, Query(ge=1, le=MAX_PAGE, description="Page number (from 1). Without it, the whole list.")
    ] = None,
    page_size: Annotated[
        int | None, Query(ge=1, le=MAX_PAGE_SIZE, description=f"Rows per page (default {DEFAULT_PAGE_SIZE}).")
    ] = None,
) -> PageRequest | None:
    """Beyond the spec: `?page=&page_size=` returns one page in the same envelope (total in X-Total-Count)."""
    if page is None and page_size is None:
        return None
    return PageRequest(page=page or 1, size=page_size or DEFAULT_PAGE_SIZE)


Paging = Annotated[PageRequest | None, Depends(pagination)]


def announce_total(response: Response, paging: PageRequest | None, total: int) -> None:
    if paging is not None:
        response.headers["X-Total-Count"] = str(total)
