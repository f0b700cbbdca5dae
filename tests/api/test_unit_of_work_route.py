"""How API routes run their unit of work: commit in the route's own thread, threads sized once."""

from __future__ import annotations

import anyio.to_thread
import httpx
from fastapi import APIRouter
from fastapi.routing import APIRoute
from sqlalchemy import text

from hr_app.api.app import ROUTERS, create_api
from hr_app.api.concurrency import UnitOfWorkRoute
from hr_app.api.deps import SessionDep
from hr_app.config import get_settings
from hr_app.db import new_session


def test_every_served_route_is_a_unit_of_work_route():
    create_api()
    # FastAPI serves an included router's own routes (see app.declared_paths).
    served = [route for router in ROUTERS for route in router.routes if isinstance(route, APIRoute)]
    assert len(served) > 50
    assert all(isinstance(route, UnitOfWorkRoute) for route in served)


def test_a_sync_route_has_committed_when_it_returns(db):
    router = APIRouter(route_class=UnitOfWorkRoute)

    @router.get("/x")
    def read(session: SessionDep) -> dict[str, int]:
        session.execute(text("SELECT 1"))
        return {}

    session = new_session()
    try:
        router.routes[0].dependant.call(session=session)
        assert not session.in_transaction()
    finally:
        session.close()


async def test_the_thread_pool_is_sized_once_not_on_every_request(api_app, db):
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=api_app), base_url="http://test") as client:
        await client.get("/api/health/")
        threads = anyio.to_thread.current_default_thread_limiter()
        assert threads.total_tokens == get_settings().db_concurrency
        threads.total_tokens = get_settings().db_concurrency + 3  # someone else's choice, made later
        await client.get("/api/health/")
        assert threads.total_tokens == get_settings().db_concurrency + 3
