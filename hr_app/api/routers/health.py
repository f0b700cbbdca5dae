"""/api/health: is this worker serving? A database ping and the event loop's recent lag (docs/api/health.md).

Public and outside the OpenAPI document: it is for load balancers and operators, not for API clients.
"""

from __future__ import annotations

import time
from typing import Any

import anyio.to_thread
from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from hr_app.api.concurrency import UnitOfWorkRoute
from hr_app.db import get_engine
from hr_app.loop_lag import probe

router = APIRouter(prefix="/api/health", tags=["health"], route_class=UnitOfWorkRoute)


def ping_database() -> dict[str, Any]:
    """Run `SELECT 1` on a pooled connection; report whether it answered and how long it took (ms)."""
    started = time.perf_counter()
    try:
        with get_engine().connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # any failure means the database is not usable
        return {"ok": False, "ms": _ms_since(started), "error": type(error).__name__}
    return {"ok": True, "ms": _ms_since(started)}


def _ms_since(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 3)


@router.get("/", include_in_schema=False)
async def health() -> JSONResponse:
    database = await anyio.to_thread.run_sync(ping_database)
    body = {"status": "ok" if database["ok"] else "unavailable", "database": database, "event_loop": probe.snapshot()}
    return JSONResponse(body, status_code=200 if database["ok"] else 503)
