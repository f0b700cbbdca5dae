"""Many more requests at once than threads or pooled connections: every one is answered, none times out.

Before the admission limit (hr_app/api/concurrency.py), 32 simultaneous signed-in requests deadlocked until the
connection pool's 30 s timeout, and 50 simultaneous panel opens failed with "database is locked".
"""

from __future__ import annotations

import asyncio
from collections import Counter

import httpx

from hr_app.api.concurrency import admitted_requests
from tests.factories import create_cv
from tests.question_factories import create_bank, create_panel

BURST = 4 * admitted_requests()


async def _burst(api_app, requests: list[tuple[str, str, dict | None]], headers=None) -> Counter:
    transport = httpx.ASGITransport(app=api_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test", timeout=60) as client:
        responses = await asyncio.gather(
            *(client.request(method, url, json=body, headers=headers) for method, url, body in requests)
        )
    return Counter(response.status_code for response in responses)


async def test_a_burst_of_signed_in_reads_is_all_answered(api_app, db, org, auth_headers_hr):
    for n in range(5):
        create_cv(db, org, name=f"Burst {n}")
    requests = [("GET", "/api/interview-management/cvs-for-interview/", None)] * BURST
    assert await asyncio.wait_for(_burst(api_app, requests, auth_headers_hr), 50) == {200: BURST}


async def test_a_burst_of_first_opens_and_submits_is_all_answered(api_app, db, org):
    cvs = [create_cv(db, org, name=f"Candidate {n}") for n in range(BURST // 2)]
    _, candidates = create_panel(db, org, create_bank(db, org), candidates=cvs)
    opens = [("GET", f"/api/panel/session/{candidate.token}/", None) for candidate in candidates]
    assert await asyncio.wait_for(_burst(api_app, opens), 50) == {200: len(candidates)}
    submits = [("POST", f"/api/panel/session/{c.token}/submit/", {"answers": {}}) for c in candidates]
    assert await asyncio.wait_for(_burst(api_app, submits), 50) == {200: len(candidates)}
