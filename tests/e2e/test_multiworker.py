"""Several workers behind one port (REDIS_URL set): sign-in limits, uploads and the live board work whichever
worker answers. The server runs from its own temporary copy, on the test database, with 3 workers."""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
import redis

from tests.api.interview_support import wav_bytes
from tests.e2e.conftest import LiveServer, _free_port, sign_in, start_server, stop_server, wait_for
from tests.e2e.helpers import card_selector, seconds_until_visible
from tests.factories import PASSWORD, auth_header, create_cv
from tests.redis_db import MULTI_WORKER, redis_test_url

pytestmark = [pytest.mark.e2e, pytest.mark.timing]  # pushes within a budget: alone on the machine

REDIS_URL = redis_test_url(MULTI_WORKER)  # a database of its own, emptied before and after
WORKERS = 3
LIVE_BUDGET_S = 1.0


@pytest.fixture(scope="module")
def multi_worker_server(database: str) -> Iterator[LiveServer]:
    redis.Redis.from_url(REDIS_URL).flushdb()
    workdir = Path(tempfile.mkdtemp(prefix="hr_app_multi_"))
    server = start_server(workdir, _free_port(), {"REDIS_URL": REDIS_URL, "GRANIAN_WORKERS": str(WORKERS)})
    yield server
    stop_server(server)
    redis.Redis.from_url(REDIS_URL).flushdb()
    shutil.rmtree(workdir, ignore_errors=True)


def _fresh_connection_get(url: str, **kwargs) -> httpx.Response:
    """A new connection per request, so that requests spread over the workers."""
    with httpx.Client(timeout=20) as client:
        return client.get(url, **kwargs)


def test_server_really_runs_several_workers(multi_worker_server):
    log = multi_worker_server.log_text()
    assert log.count("Started worker") >= WORKERS or "workers" in log.lower(), log[-2000:]


def test_login_limit_is_shared_by_all_workers(multi_worker_server, interviewer):
    url = f"{multi_worker_server.url}/api/auth/token/"
    for _ in range(10):
        with httpx.Client(timeout=20) as client:  # new connection each time: the attempts hit every worker
            wrong = client.post(url, json={"email": interviewer.email, "password": "wrong-password"})
            assert wrong.status_code == 401
    with httpx.Client(timeout=20) as client:
        limited = client.post(url, json={"email": interviewer.email, "password": PASSWORD})
    assert limited.status_code == 429
    assert int(limited.headers["retry-after"]) >= 1
    client = redis.Redis.from_url(REDIS_URL)
    client.delete(*client.keys("hr_app:ratelimit:*"))  # no lock-out left behind for the next test


def test_voice_note_uploaded_to_one_worker_plays_from_every_worker(multi_worker_server, db, org, hr_user):
    headers = auth_header(hr_user)
    cv = create_cv(db, org, name="Multi Worker")
    base = f"{multi_worker_server.url}/api/interview-management"
    with httpx.Client(timeout=20) as client:
        started = client.post(
            f"{base}/start-interview/",
            headers=headers,
            json={"candidate_id": str(cv.id), "scheduled_at": "2025-11-15T10:00:00Z"},
        )
        assert started.status_code == 201, started.text
        interview_id = started.json()["data"]["id"]
        audio = wav_bytes()
        saved = client.post(
            f"{base}/{interview_id}/evaluation/",
            headers=headers,
            data={"appearance": "8"},
            files={"voice_note": ("note.wav", audio, "audio/wav")},
        )
    assert saved.status_code == 201, saved.text
    voice_url = multi_worker_server.url + saved.json()["data"]["voice_note"]
    for _ in range(2 * WORKERS):
        response = _fresh_connection_get(voice_url, headers=headers)
        assert response.status_code == 200
        assert response.content == audio


def test_live_board_updates_whichever_worker_serves_the_write(multi_worker_server, browser, db, org, admin):
    sign_in(browser, multi_worker_server, admin.email, PASSWORD, "/ongoing")
    wait_for(browser, "page-title")
    names = [f"Worker Case {n}" for n in range(WORKERS)]
    cvs = [create_cv(db, org, name=name) for name in names]
    for cv, name in zip(cvs, names, strict=True):
        started = time.monotonic()
        with httpx.Client(timeout=20) as client:  # new connection: the write lands on any worker
            response = client.post(
                f"{multi_worker_server.url}/api/interview-management/start-interview/",
                headers=auth_header(admin),
                json={
                    "candidate_id": str(cv.id),
                    "scheduled_at": (datetime.now(UTC) + timedelta(minutes=30)).isoformat(),
                },
            )
        assert response.status_code == 201, response.text
        elapsed = seconds_until_visible(browser, card_selector(name), started)
        assert elapsed < LIVE_BUDGET_S, f"{name} showed after {elapsed:.2f} s"
