"""How API routes run: one unit of work, in one worker thread, on the API's own threads.

- One unit of work: `UnitOfWorkRoute` (every router's route class) runs a sync endpoint, the commit, the
  serialisation of its answer (the response model's own serializer, as FastAPI would) and the session's close in
  a single worker thread, and hands FastAPI the finished `Response`. Committing before the answer is built
  releases SQLite's write lock at once; before this, FastAPI validated the answer in another pool thread while
  the transaction held the lock, and the requests queued behind the lock held those threads (a convoy).
- The signed-in user (`deps.CurrentUser`) is loaded in a thread hop of its own *before* the body is validated,
  so an anonymous caller gets 401 and a reader 403 before any 400/422 about the body. The hot reads, which have
  no body, take `deps.Caller` instead: the token is checked inside the route's own hop, one hop in all.
- Threads: DB_CONCURRENCY threads of the API's own (a limiter per event loop); anyio's process-wide default
  limiter is left alone. 40 threads (anyio's default) share one GIL and, on SQLite, one write lock, so every
  transaction held the lock 40x longer and the queue behind it timed out.
- Admission: at most 2 x DB_CONCURRENCY API requests are in progress; the others wait in the event loop before
  they open a session, holding nothing. Without it, requests past the connection pool's size wait for a
  connection *inside* a thread, and the requests that hold connections then wait for those threads: a deadlock
  until the pool's timeout (32 concurrent requests all timed out before this).

bench/panel_load.py and bench/api_latency.py show the effect (docs/performance.md).
"""

from __future__ import annotations

import functools
import inspect
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import anyio
import anyio.to_thread
from anyio.lowlevel import RunVar
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import ResponseValidationError
from fastapi.routing import APIRoute
from pydantic import BaseModel
from sqlalchemy.orm import Session
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from hr_app.config import get_settings
from hr_app.services import auth
from hr_app.services.pagination import PageRequest

T = TypeVar("T")

_WORK_LIMITER: RunVar[anyio.CapacityLimiter] = RunVar("hr_app_api_work")
_FINISH_LIMITER: RunVar[anyio.CapacityLimiter] = RunVar("hr_app_finish_limiter")
_ADMISSION: RunVar[anyio.CapacityLimiter] = RunVar("hr_app_api_admission")


def _limiter(slot: RunVar[anyio.CapacityLimiter], tokens: int) -> anyio.CapacityLimiter:
    try:
        return slot.get()
    except LookupError:
        limiter = anyio.CapacityLimiter(tokens)
        slot.set(limiter)
        return limiter


async def in_api_thread(work: Callable[[], T]) -> T:
    """Run `work` on one of the API's DB_CONCURRENCY worker threads."""
    return await anyio.to_thread.run_sync(work, limiter=_limiter(_WORK_LIMITER, get_settings().db_concurrency))


async def finish(step: Callable[[], None]) -> None:
    """Run a session's rollback or close (a request that failed before its route ran) on threads of their own."""
    await anyio.to_thread.run_sync(step, limiter=_limiter(_FINISH_LIMITER, get_settings().db_concurrency))


def admitted_requests() -> int:
    """API requests in progress at once; the connection pool is sized above it (see db.py)."""
    return 2 * get_settings().db_concurrency


class DatabaseConcurrencyMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope.get("path", "").startswith("/api/"):
            await self.app(scope, receive, send)
            return
        async with _limiter(_ADMISSION, admitted_requests()):
            await self.app(scope, receive, send)


@dataclass(frozen=True)
class DeferredUser:
    """A read route's caller, checked inside the route's own thread hop (`deps.Caller`)."""

    token: str | None


@dataclass(frozen=True)
class Paged:
    """An envelope holding one page of a list, and the list's total for the X-Total-Count header."""

    envelope: BaseModel | bytes  # bytes: the envelope's JSON, written by `schemas.common.envelope_json`
    paging: PageRequest | None
    total: int


class UnitOfWorkRoute(APIRoute):
    """A route whose sync endpoint runs, commits and serialises its answer in one worker thread (see above).

    The endpoint is wrapped once, where the route is built (`APIRouter(route_class=UnitOfWorkRoute)`); FastAPI
    reads the original signature through `functools.wraps`, so parameters and the OpenAPI document are the
    endpoint's own. An endpoint may return its response model, a `Paged` envelope or a ready `Response`.
    """

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        if not inspect.iscoroutinefunction(endpoint):
            endpoint = self._in_one_thread(endpoint)
        super().__init__(path, endpoint, **kwargs)

    def _in_one_thread(self, call: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(call)
        async def endpoint(**kwargs: Any) -> Response:
            return await in_api_thread(functools.partial(self._unit_of_work, call, kwargs))

        return endpoint

    def _unit_of_work(self, call: Callable[..., Any], kwargs: dict[str, Any]) -> Response:
        sessions = [value for value in kwargs.values() if isinstance(value, Session)]
        try:
            reply = call(**_with_callers(kwargs, sessions))
            for session in sessions:
                session.commit()
            return self._answer(reply, kwargs)
        except BaseException:
            for session in sessions:
                session.rollback()
            raise
        finally:
            for session in sessions:
                session.close()

    def _answer(self, reply: Any, kwargs: dict[str, Any]) -> Response:
        if isinstance(reply, Response):
            return reply
        headers: dict[str, str] = {}
        if isinstance(reply, Paged):
            if reply.paging is not None:
                headers["X-Total-Count"] = str(reply.total)
            reply = reply.envelope
        # A `response: Response` parameter may set the status and headers, as FastAPI lets it.
        given = next((value for value in kwargs.values() if isinstance(value, Response)), None)
        status = self.status_code or (given.status_code if given is not None else None) or 200
        response = Response(self._json(reply), status_code=status, media_type="application/json", headers=headers)
        if given is not None:
            response.headers.raw.extend(given.headers.raw)
        return response

    def _json(self, reply: Any) -> bytes:
        if isinstance(reply, bytes):
            return reply
        field = self.response_field
        if field is None:
            return json.dumps(
                jsonable_encoder(reply), ensure_ascii=False, allow_nan=False, separators=(",", ":")
            ).encode()
        value, errors = field.validate(reply, {}, loc=("response",))
        if errors:
            raise ResponseValidationError(errors=errors, body=reply)
        return field.serialize_json(
            value,
            include=self.response_model_include,
            exclude=self.response_model_exclude,
            by_alias=self.response_model_by_alias,
            exclude_unset=self.response_model_exclude_unset,
            exclude_defaults=self.response_model_exclude_defaults,
            exclude_none=self.response_model_exclude_none,
        )


def _with_callers(kwargs: dict[str, Any], sessions: list[Session]) -> dict[str, Any]:
    deferred = {name: value for name, value in kwargs.items() if isinstance(value, DeferredUser)}
    if not deferred:
        return kwargs
    return kwargs | {name: auth.user_from_token(sessions[0], value.token) for name, value in deferred.items()}
