"""The hot read routes: authenticate, query and serialise in one worker-thread hop.

A plain sync FastAPI route with `SessionDep` and `CurrentUser` crosses into the thread pool five times per
request (the user dependency, the route, the response validation, the commit, the close) and re-validates the
envelope it was just given. For the lists and details clients poll, that plumbing cost more than the query
(bench/api_latency.py: the interview detail took 6.5 ms against 2.8 ms for the same SQL and JSON without it).
These routes are `async def`, keep their `response_model` for the OpenAPI document (and Schemathesis checks the
answers against it), and hand one function to `read_json`, which runs the unit of work, the sign-in check and
the serialisation in a single hop and returns the bytes. Errors raise as everywhere else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

import anyio.to_thread
from fastapi import Depends
from fastapi.responses import Response
from pydantic import BaseModel
from sqlmodel import Session

from hr_app.api.deps import oauth2_scheme
from hr_app.db import session_scope
from hr_app.models import AppUser
from hr_app.services import auth
from hr_app.services.pagination import PageRequest

BearerToken = Annotated[str | None, Depends(oauth2_scheme)]


@dataclass(frozen=True)
class Paged:
    """An envelope holding one page of a list, and the list's total for the X-Total-Count header."""

    envelope: BaseModel
    paging: PageRequest | None
    total: int


Reply = BaseModel | Paged
Build = Callable[[Session, AppUser], Reply]


def _answer(token: str | None, build: Build) -> tuple[bytes, dict[str, str]]:
    with session_scope() as session:
        reply = build(session, auth.user_from_token(session, token))
    if isinstance(reply, Paged):
        headers = {"X-Total-Count": str(reply.total)} if reply.paging is not None else {}
        return reply.envelope.model_dump_json(by_alias=True).encode(), headers
    return reply.model_dump_json(by_alias=True).encode(), {}


async def read_json(token: str | None, build: Build) -> Response:
    """Run `build(session, signed_in_user)` in one worker thread and answer its envelope as JSON."""
    body, headers = await anyio.to_thread.run_sync(_answer, token, build)
    return Response(body, media_type="application/json", headers=headers)
