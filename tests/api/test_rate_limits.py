"""Limits that cannot be turned against real users (issue 15): only failures count, a valid candidate link always
opens, sign-in failures wait per (account, address) with a growing delay, and X-Forwarded-For is believed only
from a trusted proxy. Memory storage here; the Redis path at the end (db 9, as tests/e2e/test_multiworker.py)."""

from __future__ import annotations

import time as real_time
from collections.abc import Iterator

import limits.storage.memory
import pytest
import redis
from sqlmodel import select
from starlette.testclient import TestClient

from hr_app.config import get_settings
from hr_app.models import AuditEntry
from hr_app.services import rate_limit
from tests.factories import PASSWORD, row_counts
from tests.redis_db import RATE_LIMITS, redis_test_url

TOKEN = "/api/auth/token/"
LOCKED = {
    "success": False,
    "message": "Too many login attempts. Try again later.",
    "error": "RATE_LIMITED",
    "details": None,
}
REDIS_URL = redis_test_url(RATE_LIMITS)


class Clock:
    """time.time for the limits' memory storage, moved on by the test."""

    def __init__(self) -> None:
        self.offset = 0.0

    def time(self) -> float:
        return real_time.time() + self.offset

    def __getattr__(self, name: str):  # everything else: the real module
        return getattr(real_time, name)


@pytest.fixture
def clock(monkeypatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(limits.storage.memory, "time", fake)
    monkeypatch.setattr(rate_limit, "time", fake)
    return fake


@pytest.fixture
def from_address(api_app) -> Iterator:
    clients: list[TestClient] = []

    def make(address: str) -> TestClient:
        test_client = TestClient(api_app, raise_server_exceptions=False, client=(address, 50000))
        clients.append(test_client.__enter__())
        return test_client

    yield make
    for test_client in clients:
        test_client.__exit__(None, None, None)


def _sign_in(client: TestClient, password: str = PASSWORD, headers: dict | None = None):
    return client.post(TOKEN, json={"email": "admin@acme.test", "password": password}, headers=headers or {})


def _fail(client: TestClient, times: int, headers: dict | None = None) -> None:
    for _ in range(times):
        assert _sign_in(client, "wrong-password", headers).status_code == 401


def test_correct_credentials_from_another_address_work_during_a_lockout(db, admin, from_address):
    attacker, owner = from_address("203.0.113.7"), from_address("198.51.100.2")
    _fail(attacker, 10)
    before = row_counts(db)
    locked = _sign_in(attacker)  # even the right password, from the address that failed: a brute force stops here
    assert locked.status_code == 429 and locked.json() == LOCKED
    assert 1 <= int(locked.headers["retry-after"]) <= 60
    # nothing changed but the audit trail's record of the refusal (tests/api/test_audit_trail_integrity.py)
    assert row_counts(db) == {**before, "audit_entry": before["audit_entry"] + 1}
    refusals = db.exec(select(AuditEntry).where(AuditEntry.action == "sign_in_locked_out")).all()
    assert [entry.after for entry in refusals] == [{"email": "admin@acme.test", "address": "203.0.113.7"}]
    assert _sign_in(owner).status_code == 200


def test_the_delay_grows_and_ten_failures_a_minute_never_lock_the_owner_out(db, admin, from_address, clock):
    attacker, owner = from_address("203.0.113.7"), from_address("198.51.100.2")
    _fail(attacker, 10)
    assert int(_sign_in(attacker).headers["retry-after"]) <= 60
    clock.offset += 61
    _fail(attacker, 10)  # twenty in the hour: now the wait is the hour's
    first_wait = int(_sign_in(attacker).headers["retry-after"])
    assert 60 < first_wait <= 3600
    for _ in range(2):  # the next hours: ten a minute each time the wait is over
        clock.offset += 3601
        _fail(attacker, 10)
    wait = int(_sign_in(attacker).headers["retry-after"])
    assert 3600 < wait <= 86400  # forty in the day: the wait is the day's
    assert _sign_in(owner).status_code == 200  # meanwhile the owner signs in from their own address, every time


def test_a_success_clears_the_failures_of_its_own_address(db, admin, from_address):
    office = from_address("198.51.100.2")
    _fail(office, 9)
    assert _sign_in(office).status_code == 200
    _fail(office, 9)
    assert _sign_in(office).status_code == 200


def test_forwarded_for_is_ignored_from_an_untrusted_peer(db, admin, from_address):
    client = from_address("203.0.113.7")
    for n in range(10):  # a new forged address each time: all counted against the real peer
        _fail(client, 1, {"X-Forwarded-For": f"192.0.2.{n}"})
    assert _sign_in(client, headers={"X-Forwarded-For": "192.0.2.99"}).status_code == 429


def test_forwarded_for_names_the_client_behind_a_trusted_proxy(db, admin, from_address, monkeypatch):
    monkeypatch.setattr(get_settings(), "trusted_proxies", "10.0.0.0/8, 127.0.0.1")
    proxy = from_address("10.0.0.5")
    attacker = {"X-Forwarded-For": "1.2.3.4, 203.0.113.7"}  # the left entry is the client's own forgery
    _fail(proxy, 10, attacker)
    assert _sign_in(proxy, headers={"X-Forwarded-For": "9.9.9.9, 203.0.113.7"}).status_code == 429
    assert _sign_in(proxy, headers={"X-Forwarded-For": "198.51.100.2"}).status_code == 200


# A valid candidate link opening from a blocked address: tests/api/test_panel_sessions.py, TestTokenPaths.


@pytest.fixture
def redis_limits(monkeypatch) -> Iterator[None]:
    monkeypatch.setattr(get_settings(), "redis_url", REDIS_URL)
    rate_limit.storage.cache_clear()
    rate_limit.limiter.cache_clear()
    rate_limit.reset_all()
    yield
    rate_limit.reset_all()
    rate_limit.storage.cache_clear()
    rate_limit.limiter.cache_clear()


def test_the_redis_path_shares_counts_between_workers(redis_limits, db, admin, from_address):
    attacker, owner = from_address("203.0.113.7"), from_address("198.51.100.2")
    _fail(attacker, 10)
    rate_limit.limiter.cache_clear()  # another worker: its own limiter, the same Redis
    locked = _sign_in(attacker)
    assert locked.status_code == 429 and locked.json() == LOCKED
    assert _sign_in(owner).status_code == 200
    keys = redis.Redis.from_url(REDIS_URL).keys(f"{rate_limit.KEY_PREFIX}:*")
    assert keys, "the counts live in Redis"
