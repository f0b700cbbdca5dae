"""Request plumbing: the unit of work and the caller."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
from sqlmodel import Session

from hr_app.db import session_scope
from hr_app.models import AppUser
from hr_app.services import auth

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/auth/token/", auto_error=False)


def get_session() -> Iterator[Session]:
    with session_scope() as session:
        yield session


# scope="function": the unit of work commits when the route returns, before the response is sent,
# so a client never reads its own write as missing.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def get_current_user(session: SessionDep, token: Annotated[str | None, Depends(oauth2_scheme)]) -> AppUser:
    return auth.user_from_token(session, token)


CurrentUser = Annotated[AppUser, Depends(get_current_user)]


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


ClientAddress = Annotated[str, Depends(client_address)]
