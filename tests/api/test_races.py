"""Concurrent writes on one interview: no lost update, and the interview and its CV always agree.

Real concurrency: requests run at once over httpx.ASGITransport (sync routes run in the thread pool, each with
its own connection), on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import asyncio
import itertools
import uuid
from collections import Counter

import httpx
from sqlmodel import select

from hr_app.models import Evaluation, Interview, StatusChange, UserCvData
from tests.api.interview_support import IM
from tests.factories import create_cv

CONCURRENT = 20
CV_STATUS_FOR = {"selected": "selected", "rejected": "rejected", "pending": "ongoing"}


async def _all_at_once(api_app, requests: list[tuple[str, str, dict]], headers) -> list[httpx.Response]:
    transport = httpx.ASGITransport(app=api_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test", timeout=60) as client:
        gate = asyncio.Event()

        async def send(method: str, url: str, body: dict) -> httpx.Response:
            await gate.wait()
            return await client.request(method, url, json=body, headers=headers)

        tasks = [asyncio.create_task(send(*request)) for request in requests]
        await asyncio.sleep(0)
        gate.set()
        return await asyncio.gather(*tasks)


async def _started_interview(api_app, db, org, headers) -> str:
    cv = create_cv(db, org)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=api_app), base_url="http://test") as client:
        response = await client.post(
            f"{IM}/start-interview/",
            headers=headers,
            json={"candidate_id": str(cv.id), "scheduled_at": "2025-11-15T10:00:00Z"},
        )
    assert response.status_code == 201
    return response.json()["data"]["id"]


async def test_concurrent_status_updates_keep_history_and_cv_in_step(api_app, db, org, auth_headers_hr):
    interview_id = await _started_interview(api_app, db, org, auth_headers_hr)
    statuses = list(itertools.islice(itertools.cycle(["selected", "rejected", "pending"]), CONCURRENT))
    requests = [
        ("PATCH", f"{IM}/{interview_id}/update-status/", {"status": status, "remark": f"change {n}"})
        for n, status in enumerate(statuses)
    ]

    responses = await _all_at_once(api_app, requests, auth_headers_hr)

    assert Counter(r.status_code for r in responses) == {200: CONCURRENT}
    db.expire_all()
    interview = db.get(Interview, uuid.UUID(interview_id))
    cv = db.get(UserCvData, interview.candidate_id)
    assert cv.status == CV_STATUS_FOR[interview.status]
    changes = db.exec(select(StatusChange).where(StatusChange.interview_id == interview.id)).all()
    assert len(changes) == CONCURRENT
    # Serialised, the history is one chain: pending -> a -> b -> ... -> the final status.
    ordered = sorted(changes, key=lambda change: (change.created_at, change.id))
    chain_ok = all(a.to_status == b.from_status for a, b in itertools.pairwise(ordered))
    assert ordered[0].from_status == "pending"
    assert chain_ok, [(c.from_status, c.to_status) for c in ordered]
    assert ordered[-1].to_status == interview.status


async def test_concurrent_evaluation_patches_lose_no_field(api_app, db, org, auth_headers_hr):
    interview_id = await _started_interview(api_app, db, org, auth_headers_hr)
    fields = ["appearance", "knowledge", "confidence", "attitude", "communication"]
    requests = [("PATCH", f"{IM}/{interview_id}/evaluation/", {fields[n % 5]: n % 11}) for n in range(CONCURRENT)]

    responses = await _all_at_once(api_app, requests, auth_headers_hr)

    # Locked and serialised: exactly one request found the evaluation empty.
    assert Counter(r.status_code for r in responses) == {201: 1, 200: CONCURRENT - 1}
    db.expire_all()
    evaluation = db.exec(select(Evaluation).where(Evaluation.interview_id == uuid.UUID(interview_id))).one()
    for position, field in enumerate(fields):
        sent = {n % 11 for n in range(CONCURRENT) if n % 5 == position}
        assert getattr(evaluation, field) in sent, field
