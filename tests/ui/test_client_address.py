"""The UI's sign-in counts failures against the same address the API would (hr_app/ui/client_address.py): the
socket's peer, or behind a trusted proxy the client it forwarded for, never a forwarded address from a stranger."""

from __future__ import annotations

import pytest
from reflex.istate.data import RouterData
from sqlmodel import select

from hr_app.config import get_settings
from hr_app.models import AuditEntry
from hr_app.ui.client_address import client_address
from hr_app.ui.states.login import LoginState
from tests.ui.conftest import drain

PROXY, CLIENT = "10.0.0.5", "198.51.100.7"


def _behind(state, peer: str, forwarded_for: str | None = None) -> None:
    headers = {"asgi-scope-client": peer, **({"x-forwarded-for": forwarded_for} if forwarded_for else {})}
    state.router = RouterData.from_router_data({"asPath": "/login", "ip": peer, "headers": headers})


@pytest.fixture
def trusted_proxy(monkeypatch):
    monkeypatch.setattr(get_settings(), "trusted_proxies", "10.0.0.0/8")


def test_behind_a_trusted_proxy_the_forwarded_client_counts(make_state, trusted_proxy):
    state = make_state(LoginState)
    _behind(state, PROXY, f"203.0.113.9, {CLIENT}")  # the left entry is the client's own to forge
    assert client_address(state) == CLIENT


def test_a_strangers_forwarded_header_is_not_believed(make_state, trusted_proxy):
    state = make_state(LoginState)
    _behind(state, CLIENT, "192.0.2.1")
    assert client_address(state) == CLIENT


def test_without_trusted_proxies_the_peer_counts(make_state):
    state = make_state(LoginState)
    _behind(state, PROXY, CLIENT)
    assert client_address(state) == PROXY


def test_a_failed_ui_sign_in_is_recorded_with_the_forwarded_client(make_state, db, admin, trusted_proxy):
    state = make_state(LoginState)
    _behind(state, PROXY, CLIENT)
    drain(state.submit({"email": admin.email, "password": "not-the-password"}))
    assert state.error == "Invalid email or password"
    [entry] = db.exec(select(AuditEntry).where(AuditEntry.action == "sign_in_failed")).all()
    assert entry.after == {"email": admin.email, "address": CLIENT}
