"""GET /api/health/: database ping and event-loop lag, public, outside the OpenAPI document."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from hr_app.api import app as api_module
from hr_app.api.routers import health
from hr_app.loop_lag import probe


async def _frontend_page(request: Request) -> HTMLResponse:
    return HTMLResponse("<html>frontend</html>", status_code=404)


@pytest.fixture
def mounted() -> Iterator[TestClient]:
    """The API as Reflex serves it: its own catch-all mounted inside the API app (see TOOLCHAIN.md)."""
    api = api_module.create_api()
    api.mount("", Starlette(routes=[Route("/{path:path}", _frontend_page)]))
    with TestClient(api, raise_server_exceptions=False) as client:
        yield client


@pytest.mark.parametrize("path", ["/api/health/", "/api/health"])
def test_health_answers_ok_without_a_token(mounted, path):
    probe.reset()
    probe._lags_ms.extend([2.0, 3.0])
    response = mounted.get(path)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["database"]["ms"] >= 0
    assert body["event_loop"] == {"p99_ms": 3.0, "max_ms": 3.0, "samples": 2}
    probe.reset()


def test_health_is_503_when_the_database_does_not_answer(mounted, monkeypatch):
    def broken_engine():
        raise ConnectionError("database down")

    monkeypatch.setattr(health, "get_engine", broken_engine)
    response = mounted.get("/api/health/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["database"] == {"ok": False, "ms": body["database"]["ms"], "error": "ConnectionError"}
    assert set(body["event_loop"]) == {"p99_ms", "max_ms", "samples"}


def test_health_is_not_in_the_openapi_document():
    assert not any(path.startswith("/api/health") for path in api_module.create_api().openapi()["paths"])
