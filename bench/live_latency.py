"""Write-to-screen latency of the live Ongoing board.

N signed-in Chromium tabs sit on /ongoing; one API client starts interviews (POST
/api/interview-management/start-interview/). Each tab runs a MutationObserver that stamps the
wall-clock time at which the new card appears; latency = that stamp - the time just before the POST.
Runs the prod server twice from temporary copies: one worker (in-process registry), then REDIS_URL
with several workers (Redis registry and state manager; a tab's socket is often on another worker
than the one that wrote).

    .venv/bin/python bench/live_latency.py                 # 5 tabs, 20 writes, 1 worker and 3 workers
    .venv/bin/python bench/live_latency.py --tabs 10 --writes 30 --workers 5
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = Path(tempfile.mkdtemp(prefix="hr_app_bench_live_"))
os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'bench.db'}"
os.environ["UPLOAD_DIR"] = str(WORK / "uploads")
os.environ["SECRET_KEY"] = "bench-" + uuid.uuid4().hex
os.environ["BCRYPT_ROUNDS"] = "4"
os.environ.pop("REDIS_URL", None)
sys.path.insert(0, str(ROOT))
os.chdir(ROOT)

import httpx  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

REDIS_URL = "redis://127.0.0.1:6379/11"
PASSWORD = "Bench-password-1"
EMAIL = "bench-admin@example.com"

POST_MS: list[float] = []  # the write's own round trip, for reference

OBSERVER = """
window.__seen = {};
new MutationObserver(() => {
  for (const card of document.querySelectorAll('.board-card[data-candidate]')) {
    const name = card.getAttribute('data-candidate');
    if (!(name in window.__seen)) window.__seen[name] = performance.timeOrigin + performance.now();
  }
}).observe(document.body, {childList: true, subtree: true});
"""


def _migrate_and_seed(cv_count: int) -> None:
    from alembic import command
    from alembic.config import Config

    from hr_app.db import session_scope
    from hr_app.models import JobTitle, UserCvData
    from hr_app.services import accounts

    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["database_url"] = os.environ["DATABASE_URL"]
    config.attributes["configure_logger"] = False
    command.upgrade(config, "head")
    with session_scope() as session:
        org = accounts.create_organization(session, name="Bench Org")
        accounts.create_user(
            session, organization=org, email=EMAIL, password=PASSWORD, role="admin", first_name="Bench"
        )
        title = JobTitle(organization_id=org.id, name="Engineer")
        session.add(title)
        session.flush()
        for number in range(cv_count):
            session.add(
                UserCvData(
                    organization_id=org.id,
                    name=f"Bench Candidate {number:04d}",
                    email=f"bench{number}@example.com",
                    job_title_id=title.id,
                    place="Kochi",
                )
            )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def _open_boards(server_url: str, tabs: int) -> list:
    from tests.e2e.conftest import new_browser

    browsers = []
    for _ in range(tabs):
        browser = new_browser(1200, 800)
        browser.get(f"{server_url}/login")
        WebDriverWait(browser, 30).until(ec.visibility_of_element_located((By.ID, "email"))).send_keys(EMAIL)
        browser.find_element(By.ID, "password").send_keys(PASSWORD)
        browser.find_element(By.ID, "login-submit").click()
        WebDriverWait(browser, 30).until(ec.visibility_of_element_located((By.ID, "page-title")))
        browser.get(f"{server_url}/ongoing")
        WebDriverWait(browser, 30).until(ec.visibility_of_element_located((By.ID, "live-indicator")))
        WebDriverWait(browser, 30).until(
            lambda b: b.find_elements(By.ID, "empty-go-cvs") or b.find_elements(By.ID, "board")
        )
        browser.execute_script(OBSERVER)
        browsers.append(browser)
    return browsers


def measure(label: str, env: dict[str, str], tabs: int, writes: int, offset: int) -> list[float]:
    from tests.e2e.conftest import start_server, stop_server

    server_dir = WORK / f"server-{label}"
    server_dir.mkdir()
    server = start_server(server_dir, _free_port(), env)
    browsers: list = []
    latencies: list[float] = []
    try:
        browsers = _open_boards(server.url, tabs)
        token = httpx.post(f"{server.url}/api/auth/token/", json={"email": EMAIL, "password": PASSWORD}).json()
        headers = {"Authorization": f"Bearer {token['access_token']}"}
        candidates = httpx.get(f"{server.url}/api/cvs/", headers=headers, timeout=30).json()["data"]
        by_name = {cv["name"]: cv["id"] for cv in candidates}
        with httpx.Client(timeout=30) as client:
            for number in range(offset, offset + writes):
                name = f"Bench Candidate {number:04d}"
                body = {
                    "candidate_id": by_name[name],
                    "scheduled_at": (datetime.now(UTC) + timedelta(minutes=30)).isoformat(),
                }
                before_ms = time.time() * 1000
                response = client.post(
                    f"{server.url}/api/interview-management/start-interview/", headers=headers, json=body
                )
                assert response.status_code == 201, response.text
                POST_MS.append(time.time() * 1000 - before_ms)
                for browser in browsers:
                    WebDriverWait(browser, 10, poll_frequency=0.01).until(
                        lambda b, name=name: b.execute_script("return window.__seen[arguments[0]]", name)
                    )
                    seen_ms = browser.execute_script("return window.__seen[arguments[0]]", name)
                    latencies.append(seen_ms - before_ms)
    finally:
        for browser in browsers:
            browser.quit()
        stop_server(server)
    return latencies


def report(label: str, latencies: list[float], tabs: int, writes: int) -> str:
    line = (
        f"{label}: {tabs} boards x {writes} writes = {len(latencies)} samples; "
        f"p50 {statistics.median(latencies):.0f} ms, p95 {_percentile(latencies, 0.95):.0f} ms, "
        f"max {max(latencies):.0f} ms (the POST itself: p50 {statistics.median(POST_MS):.0f} ms)"
    )
    POST_MS.clear()
    print(line, flush=True)
    return line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tabs", type=int, default=5)
    parser.add_argument("--writes", type=int, default=20)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--skip-redis", action="store_true")
    args = parser.parse_args()
    _migrate_and_seed(cv_count=args.writes * 2)
    base = {key: os.environ[key] for key in ("DATABASE_URL", "UPLOAD_DIR", "SECRET_KEY", "BCRYPT_ROUNDS")}
    try:
        single = measure("single", base, args.tabs, args.writes, offset=0)
        report("1 worker, in-process registry", single, args.tabs, args.writes)
        if not args.skip_redis:
            import redis

            redis.Redis.from_url(REDIS_URL).flushdb()
            multi_env = {**base, "REDIS_URL": REDIS_URL, "GRANIAN_WORKERS": str(args.workers)}
            multi = measure("redis", multi_env, args.tabs, args.writes, offset=args.writes)
            report(f"REDIS_URL, {args.workers} workers, Redis registry", multi, args.tabs, args.writes)
            redis.Redis.from_url(REDIS_URL).flushdb()
    finally:
        shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
