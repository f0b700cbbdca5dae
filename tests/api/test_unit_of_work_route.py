"""How API routes run their unit of work: the route, its commit and its answer in one worker thread."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import anyio.to_thread
import httpx
import pytest
from fastapi import APIRouter, FastAPI, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel, field_serializer
from sqlalchemy import text

from hr_app.api.app import ROUTERS, create_api
from hr_app.api.concurrency import Paged, UnitOfWorkRoute
from hr_app.api.deps import Caller, CurrentUser, SessionDep
from hr_app.api.exception_handlers import add_exception_handlers
from hr_app.config import get_settings
from hr_app.services.pagination import PageRequest
from tests.factories import auth_header


class Seen(BaseModel):
    route: str

    @field_serializer("route")
    def _and_where_serialised(self, value: str) -> str:
        return f"{value}|{threading.current_thread().name}"


def test_every_served_route_is_a_unit_of_work_route():
    create_api()
    # FastAPI serves an included router's own routes (see app.declared_paths).
    served = [route for router in ROUTERS for route in router.routes if isinstance(route, APIRoute)]
    assert len(served) > 50
    assert all(isinstance(route, UnitOfWorkRoute) for route in served)


@pytest.fixture
def probe_app() -> tuple[FastAPI, dict[str, Any]]:
    seen: dict[str, Any] = {}
    router = APIRouter(route_class=UnitOfWorkRoute)

    @router.post("/write", response_model=Seen, status_code=201)
    def write(session: SessionDep, user: CurrentUser) -> Seen:
        session.execute(text("SELECT 1"))
        seen["session"] = session
        seen["route_thread"] = threading.current_thread().name
        return Seen(route=threading.current_thread().name)

    @router.get("/read", response_model=Seen)
    def read(session: SessionDep, user: Caller) -> Seen:
        seen["reader"] = user
        return Seen(route=threading.current_thread().name)

    @router.get("/page", response_model=Seen)
    def page(session: SessionDep, response: Response) -> Paged:
        response.headers["X-Extra"] = "kept"
        return Paged(Seen(route="-"), PageRequest(page=1, size=5), total=12)

    @router.post("/fails")
    def fails(session: SessionDep) -> None:
        session.execute(text("SELECT 1"))
        seen["session"] = session
        raise RuntimeError("boom")

    lock = threading.Lock()
    seen["busy"] = seen["most_at_once"] = 0

    @router.post("/slow")
    def slow() -> None:
        with lock:
            seen["busy"] += 1
            seen["most_at_once"] = max(seen["most_at_once"], seen["busy"])
        threading.Event().wait(0.05)  # long enough for every admitted request to be waiting for a thread
        with lock:
            seen["busy"] -= 1

    app = FastAPI()
    add_exception_handlers(app)
    app.include_router(router)
    return app, seen


async def test_the_route_its_commit_and_its_answer_run_in_one_worker_thread(db, hr_user, probe_app):
    app, seen = probe_app
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        response = await client.post("/write", headers=auth_header(hr_user))
    assert response.status_code == 201
    route_thread = seen["route_thread"]
    assert response.json() == {"route": f"{route_thread}|{route_thread}"}
    assert route_thread != threading.current_thread().name  # not the event loop's thread
    session = seen["session"]
    assert not session.in_transaction()  # committed and closed before the answer left the thread


async def test_a_read_checks_its_caller_inside_its_own_hop(db, hr_user, probe_app, monkeypatch):
    app, seen = probe_app
    hops: list[str] = []
    real_run_sync = anyio.to_thread.run_sync

    async def counting_run_sync(*args: Any, **kwargs: Any) -> Any:
        hops.append("hop")
        return await real_run_sync(*args, **kwargs)

    monkeypatch.setattr(anyio.to_thread, "run_sync", counting_run_sync)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        signed_in = await client.get("/read", headers=auth_header(hr_user))
        anonymous = await client.get("/read")
    assert signed_in.status_code == 200
    assert seen["reader"].id == hr_user.id  # the endpoint got the signed-in AppUser, not the token
    assert hops == ["hop", "hop"]  # one thread hop per request, the token check included
    assert anonymous.status_code == 401


async def test_a_paged_answer_carries_its_total_and_the_routes_own_headers(db, probe_app):
    app, _ = probe_app
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        response = await client.get("/page")
    assert response.status_code == 200
    assert response.headers["X-Total-Count"] == "12"
    assert response.headers["X-Extra"] == "kept"
    assert response.json()["route"].startswith("-|")


async def test_a_route_that_raises_rolls_back_and_closes_its_session(db, probe_app):
    app, seen = probe_app
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.post("/fails")
    assert response.status_code == 500
    assert not seen["session"].in_transaction()


def test_an_anonymous_write_hears_401_before_its_body_is_judged(client, db):
    response = client.post("/api/interview-management/start-interview/", json={"candidate_id": []})
    assert response.status_code == 401
    assert response.json()["message"] == "Authentication credentials were not provided."


async def test_api_work_runs_on_its_own_threads_and_leaves_anyios_default_alone(db, probe_app):
    app, seen = probe_app
    default = anyio.to_thread.current_default_thread_limiter().total_tokens
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        await asyncio.gather(*(client.post("/slow") for _ in range(3 * get_settings().db_concurrency)))
    assert seen["most_at_once"] == get_settings().db_concurrency
    assert anyio.to_thread.current_default_thread_limiter().total_tokens == default
