"""Twenty simultaneous starts of one CV: exactly one interview, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import asyncio
from collections import Counter

import httpx
from sqlmodel import func, select

from hr_app.models import CvStatus, Evaluation, Interview
from tests.api.interview_support import IM, cv_row
from tests.factories import create_cv

CONCURRENT_REQUESTS = 20


async def _start_many(api_app, headers, body) -> list[httpx.Response]:
    transport = httpx.ASGITransport(app=api_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test", timeout=60) as client:
        gate = asyncio.Event()

        async def start() -> httpx.Response:
            await gate.wait()
            return await client.post(f"{IM}/start-interview/", headers=headers, json=body)

        tasks = [asyncio.create_task(start()) for _ in range(CONCURRENT_REQUESTS)]
        await asyncio.sleep(0)
        gate.set()
        return await asyncio.gather(*tasks)


async def test_concurrent_starts_of_one_cv_create_exactly_one_interview(api_app, db, org, auth_headers_hr):
    cv = create_cv(db, org)
    body = {"candidate_id": str(cv.id), "scheduled_at": "2025-11-15T10:00:00Z"}

    responses = await _start_many(api_app, auth_headers_hr, body)

    assert Counter(r.status_code for r in responses) == {201: 1, 400: CONCURRENT_REQUESTS - 1}
    refused = [r.json() for r in responses if r.status_code == 400]
    assert all(
        answer["details"] == {"candidate_id": ["Interview for John Doe is already in progress"]} for answer in refused
    )
    db.expire_all()
    assert db.exec(select(func.count()).select_from(Interview)).one() == 1
    assert db.exec(select(func.count()).select_from(Evaluation)).one() == 1
    assert cv_row(db, cv.id).status == CvStatus.ONGOING
