"""Request plumbing: the unit of work and the caller."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Query, Request, Response
from fastapi.security import OAuth2PasswordBearer
from sqlmodel import Session

from hr_app.api.concurrency import finish
from hr_app.db import new_session
from hr_app.models import AppUser
from hr_app.services import auth
from hr_app.services.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE, MAX_PAGE_SIZE, PageRequest

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/auth/token/", auto_error=False)


async def get_session() -> AsyncIterator[Session]:
    """The request's unit of work: commit when the route returns, roll back if it raises.

    The same rule as `db.session_scope`, but the commit runs on its own small thread limiter: a transaction
    that holds SQLite's write lock must never wait for a thread behind requests that are waiting for that lock.
    A session whose route already committed (see `concurrency.UnitOfWorkRoute`) holds no connection: finishing it is
    pure bookkeeping, done here without a thread hop.
    """
    session = new_session()
    try:
        yield session
        if session.in_transaction():
            await finish(session.commit)
    except BaseException:
        if session.in_transaction():
            await finish(session.rollback)
        raise
    finally:
        if session.in_transaction():
            await finish(session.close)
        else:
            session.close()


# scope="function": the unit of work commits when the route returns, before the response is sent,
# so a client never reads its own write as missing.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def get_current_user(session: SessionDep, token: Annotated[str | None, Depends(oauth2_scheme)]) -> AppUser:
    return auth.user_from_token(session, token)


CurrentUser = Annotated[AppUser, Depends(get_current_user)]


async def client_address(request: Request) -> str:  # async: no thread hop for a dict read
    return request.client.host if request.client else "unknown"


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
