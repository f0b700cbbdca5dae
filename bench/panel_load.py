"""200 candidates open and submit one panel at the same time against the prod server.

    .venv/bin/python -m bench.panel_load [--candidates 200] [--concurrency 50] [--time-limit 10]
    .venv/bin/python -m bench.panel_load --candidates 1000 --concurrency 200 --workers 3 \
        --database-url postgresql+psycopg://postgres@127.0.0.1:5432/postgres

Seeds the demo organization and N CVs into a scratch SQLite database (or, with `--database-url`, a scratch
database on that PostgreSQL server, created and dropped; with `--workers N`, N prod workers sharing Redis),
creates a panel for all of them through the API, then every candidate opens the session (the question set is
drawn; with `--time-limit`, by pressing Start) and submits an answer for every question, with at most
`--concurrency` requests in flight. Prints errors and the p50 / p95 / max of open and submit, plus the wall time
and the load average.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))] if ordered else float("nan")


def _panel_body(bank: dict, candidate_ids: list[str], time_limit: int | None) -> dict:
    now = datetime.now(UTC)
    return {
        "time_limit_minutes": time_limit,
        "name": "Load test panel",
        "description": "bench/panel_load.py",
        "total_number_of_questions": 6,
        "start_datetime": (now - timedelta(minutes=5)).isoformat(),
        "end_datetime": (now + timedelta(hours=2)).isoformat(),
        "category_uuid": bank["category"],
        "question_distributions": [
            {"topic_uuid": bank["topic"], "subtopic_uuid": bank["subtopic"], "easy": 2, "medium": 2, "hard": 2}
        ],
        "candidate_uuids": candidate_ids,
    }


def seed(count: int) -> tuple[str, dict, list[str]]:
    """The admin's e-mail, the first category/topic/subtopic of the demo bank, and N CV ids."""
    from sqlmodel import select

    from hr_app.db import session_scope
    from hr_app.demo.seed import seed_demo
    from hr_app.models import Category, Organization, SubTopic, Topic, UserCvData

    with session_scope() as session:
        seed_demo(session, password="bench-password-1")
        org = session.exec(select(Organization)).one()
        category = session.exec(select(Category).where(Category.organization_id == org.id)).first()
        topic = session.exec(select(Topic).where(Topic.category_id == category.id)).first()
        subtopic = session.exec(select(SubTopic).where(SubTopic.topic_id == topic.id)).first()
        cvs = [
            UserCvData(organization_id=org.id, name=f"Load Candidate {n}", email=f"load{n}@bench.example")
            for n in range(count)
        ]
        session.add_all(cvs)
        session.flush()
        bank = {"category": str(category.id), "topic": str(topic.id), "subtopic": str(subtopic.id)}
        return "admin@demo.example", bank, [str(cv.id) for cv in cvs]


async def candidate(client: httpx.AsyncClient, token: str, gate: asyncio.Semaphore, timings: dict, timed: bool) -> None:
    async with gate:
        started = time.perf_counter()
        if timed:  # a timed session draws its questions and starts the clock on Start
            opened = await client.post(f"/api/panel/session/{token}/start/")
        else:
            opened = await client.get(f"/api/panel/session/{token}/")
        timings["open"].append(time.perf_counter() - started)
        if opened.status_code != 200:
            timings["errors"].append(f"open {opened.status_code}")
            return
        questions = opened.json()["data"]["questions"]
        answers = {question["uuid"]: 0 for question in questions}
        started = time.perf_counter()
        submitted = await client.post(f"/api/panel/session/{token}/submit/", json={"answers": answers})
        timings["submit"].append(time.perf_counter() - started)
        if submitted.status_code != 200:
            timings["errors"].append(f"submit {submitted.status_code}: {submitted.text[:120]}")


async def drive(url: str, tokens: list[str], concurrency: int, timed: bool) -> dict:
    timings: dict = {"open": [], "submit": [], "errors": []}
    gate = asyncio.Semaphore(concurrency)
    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:
        started = time.perf_counter()
        await asyncio.gather(*(candidate(client, token, gate, timings, timed) for token in tokens))
        timings["wall"] = time.perf_counter() - started
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--candidates", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--time-limit", type=int, default=None, help="the panel's time limit in minutes")
    parser.add_argument("--database-url", default=None, help="a PostgreSQL server URL (default: SQLite)")
    parser.add_argument("--workers", type=int, default=1, help="more than 1: that many workers sharing Redis")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="hr_app_panel_load_"))
    url, drop = f"sqlite:///{workdir / 'bench.db'}", None
    if args.database_url:
        from bench.search_indexes import scratch_database

        url, drop = scratch_database(args.database_url)
    secret = uuid.uuid4().hex * 2
    os.environ.update(DATABASE_URL=url, SECRET_KEY=secret, BCRYPT_ROUNDS="4")
    sys.path.insert(0, str(ROOT))
    from bench.api_latency import free_port, migrate
    from tests.e2e.conftest import start_server, stop_server

    migrate(url)
    email, bank, cv_ids = seed(args.candidates)
    server_env = {"DATABASE_URL": url, "SECRET_KEY": secret}
    if args.workers > 1:
        from bench.live_latency import REDIS_URL

        server_env |= {"REDIS_URL": REDIS_URL, "GRANIAN_WORKERS": str(args.workers)}
    server = start_server(workdir / "app", free_port(), server_env)
    try:
        token = httpx.post(f"{server.url}/api/auth/token/", json={"email": email, "password": "bench-password-1"})
        headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
        body = _panel_body(bank, cv_ids, args.time_limit)
        created = httpx.post(f"{server.url}/api/panel/create/", json=body, headers=headers, timeout=60)
        assert created.status_code == 201, created.text
        tokens = [candidate["token"] for candidate in created.json()["data"]["candidates"]]
        timings = asyncio.run(drive(server.url, tokens, args.concurrency, args.time_limit is not None))
    finally:
        stop_server(server)
        if os.environ.get("KEEP_LOG"):
            shutil.copy(server.log_path, os.environ["KEEP_LOG"])
        shutil.rmtree(workdir, ignore_errors=True)
        if drop:
            drop()

    database = "PostgreSQL" if args.database_url else "SQLite"
    print(
        f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}, {database}, {args.workers} worker(s);"
        f" {len(tokens)} candidates, {args.concurrency} in flight, time limit {args.time_limit} min;"
        f" wall {timings['wall']:.1f} s"
    )
    print(f"errors: {len(timings['errors'])} {sorted(set(timings['errors']))[:5]}")
    for phase in ("open", "submit"):
        values = [1000 * v for v in timings[phase]]
        print(
            f"{phase:>6}: p50 {statistics.median(values):7.1f} ms   p95 {percentile(values, 0.95):7.1f} ms   "
            f"max {max(values):7.1f} ms   n={len(values)}"
        )
    return 1 if timings["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
