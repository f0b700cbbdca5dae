"""Browser security headers on API answers (success, refusals, unknown paths); HSTS only over HTTPS.

The pages, assets, CSP measured in Chromium and CORS through the real server: tests/e2e/test_security_headers.py.
"""

from __future__ import annotations

import httpx
import pytest

from hr_app.api.app import create_api
from hr_app.config import get_settings
from tests.factories import auth_header

HSTS = "max-age=31536000; includeSubDomains"


def _assert_browser_headers(response: httpx.Response) -> None:
    headers = response.headers
    policy = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "default-src 'self'" in policy and "object-src 'none'" in policy
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["permissions-policy"].startswith("microphone=(self), camera=()")


def test_every_kind_of_api_answer_has_them(client, admin):
    answers = [
        client.get("/api/auth/me/", headers=auth_header(admin)),  # 200
        client.get("/api/auth/me/"),  # 401
        client.get("/api/nowhere/"),  # 404 fallback
        client.post("/api/auth/token/", content=b"{not json", headers={"content-type": "application/json"}),  # 400
        client.get("/api/openapi.json"),
    ]
    assert [answer.status_code for answer in answers] == [200, 401, 404, 400, 200]
    for answer in answers:
        _assert_browser_headers(answer)
        assert "strict-transport-security" not in answer.headers  # plain http


def test_swagger_ui_gets_its_cdn_and_nothing_else_does(client):
    docs = client.get("/api/docs")
    _assert_browser_headers(docs)
    assert "script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net" in docs.headers["content-security-policy"]
    assert "jsdelivr" not in client.get("/api/openapi.json").headers["content-security-policy"]


def test_hsts_when_the_request_came_over_https(api_app):
    from fastapi.testclient import TestClient

    with TestClient(api_app, base_url="https://hr.example") as secure:
        assert secure.get("/api/nowhere/").headers["strict-transport-security"] == HSTS


async def _get(app, client_address: str, headers: dict[str, str]) -> httpx.Response:
    transport = httpx.ASGITransport(app=app, client=(client_address, 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://hr.example") as caller:
        return await caller.get("/api/nowhere/", headers=headers)


@pytest.mark.asyncio
async def test_forwarded_proto_only_from_a_trusted_proxy(monkeypatch):
    monkeypatch.setattr(get_settings(), "trusted_proxies", "10.0.0.0/8, 192.0.2.7")
    app = create_api()
    forwarded = {"x-forwarded-proto": "https"}
    assert (await _get(app, "10.1.2.3", forwarded)).headers["strict-transport-security"] == HSTS
    assert (await _get(app, "192.0.2.7", forwarded)).headers["strict-transport-security"] == HSTS
    assert "strict-transport-security" not in (await _get(app, "203.0.113.9", forwarded)).headers  # not a proxy
    assert "strict-transport-security" not in (await _get(app, "10.1.2.3", {})).headers  # proxy, plain http
    monkeypatch.setattr(get_settings(), "trusted_proxies", "")
    assert "strict-transport-security" not in (await _get(create_api(), "10.1.2.3", forwarded)).headers


def test_allowed_origins_default_to_the_app_itself(monkeypatch):
    settings = get_settings()
    monkeypatch.setattr(settings, "allowed_origins", "")
    monkeypatch.setattr(settings, "public_url", "https://hr.example.com/base/")
    assert settings.allowed_origin_list == ["https://hr.example.com"]
    monkeypatch.setattr(settings, "allowed_origins", "https://a.example, https://b.example/")
    assert settings.allowed_origin_list == ["https://a.example", "https://b.example"]


def test_the_websocket_takes_its_own_origin_and_the_allowed_ones():
    from hr_app.api.security_headers import socket_origin_check

    check = socket_origin_check(["https://hr.example.com"])
    own = {"wsgi.url_scheme": "http", "HTTP_HOST": "127.0.0.1:3000"}
    assert check("http://127.0.0.1:3000", own) and check("https://hr.example.com", own) and check(None, own)
    assert not check("https://evil.example", own)
    assert not check("http://127.0.0.1:3001", own)


def test_the_app_installs_the_websocket_check():
    from hr_app.hr_app import app

    check = app.sio.eio.cors_allowed_origins
    assert callable(check) and not check("https://evil.example", {"HTTP_HOST": "127.0.0.1:3000"})
