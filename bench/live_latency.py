"""Write-to-screen latency of the live Ongoing board.

N signed-in Chromium tabs sit on /ongoing; one API client starts interviews (POST
/api/interview-management/start-interview/). Each tab runs a MutationObserver that stamps the
wall-clock time at which the new card appears; latency = that stamp - the time just before the POST.
Each tab also stamps every Socket.IO event frame its websocket receives, so a write is split into
write-to-socket (the server's part) and the rest (the browser applying the delta and rendering).
Runs the prod server twice from temporary copies: one worker (in-process registry), then REDIS_URL
with several workers (Redis registry and state manager; a tab's socket is often on another worker
than the one that wrote).

The floor, in the same run, same server and tabs: Reflex's own round trip with no database work. At one
instant every tab sends one event (the board's hidden tick button: re-word the times, no read); floor =
from that instant to the tab's socket receiving the answer. A push cannot beat it by much: it is one
state lock, one state load and save, one delta and one socket hop, which a push needs as well.

    .venv/bin/python bench/live_latency.py                 # 5 tabs, 20 writes, 1 worker and 3 workers
    .venv/bin/python bench/live_latency.py --tabs 10 --writes 30 --workers 5
    .venv/bin/python bench/live_latency.py --socket-boards 50 --skip-single   # 50 boards, 3 Redis workers

--socket-boards N: instead of Chromium, N real Reflex websocket clients (python-socketio, the protocol the
browser speaks: the hydrate event with the sign-in token in the CONNECT packet, then the page's on_load) sit on
/ongoing; latency = write to the client receiving the delta that holds the new card (no rendering), and the
floor is the same round trip as for the tabs (each client sends the tick event).
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
from typing import Any

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

REDIS_URL = "redis://127.0.0.1:6379/6"  # outside the tests' databases 8-15 (tests/redis_db.py): it is flushed
PASSWORD = "Bench-password-1"
EMAIL = "bench-admin@example.com"

POST_MS: list[float] = []  # the write's own round trip, for reference
SOCKET_MS: list[float] = []  # write -> the tab's socket receiving the push
FLOOR_ROUNDS = 10

# Installed before the page's own scripts: every Socket.IO event frame ("42...") received is stamped.
SOCKET_STAMPS = """
window.__frames = [];
const NativeSocket = window.WebSocket;
window.WebSocket = function (...args) {
  const socket = new NativeSocket(...args);
  socket.addEventListener('message', (message) => {
    if (typeof message.data === 'string' && message.data.startsWith('42')) {
      window.__frames.push(performance.timeOrigin + performance.now());
    }
  });
  return socket;
};
window.WebSocket.prototype = NativeSocket.prototype;
Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
"""
FIRST_FRAME_AFTER = "return window.__frames.find((stamp) => stamp >= arguments[0]) ?? null"
TICK_AT = """
const wait = arguments[0] - (performance.timeOrigin + performance.now());
setTimeout(() => document.getElementById('board-tick').click(), Math.max(0, wait));
"""

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
        browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": SOCKET_STAMPS})
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


NAMESPACE = "/_event"  # Reflex's socket path and namespace
ONGOING_ROUTE = {"pathname": "/ongoing", "query": {}, "asPath": "/ongoing"}


class SocketBoard:
    """One tab on /ongoing as a real Reflex websocket client: every update it receives is stamped on arrival."""

    def __init__(self, server_url: str, access_token: str) -> None:
        import socketio
        from reflex.state import State
        from reflex_base.constants.state import FIELD_MARKER

        from hr_app.ui.states.auth import AuthState
        from hr_app.ui.states.live import LiveState

        self.tick_event = f"{LiveState.get_full_name()}.tick"
        self.log: list[tuple[float, str]] = []
        self.client = socketio.Client(reconnection=False)
        self.client.on("event", lambda update: self.log.append((time.time() * 1000, repr(update))), namespace=NAMESPACE)
        hydrate = {
            "name": f"{State.get_full_name()}.hydrate_and_load",
            "payload": {"vars": {f"{AuthState.get_full_name()}.auth_token{FIELD_MARKER}": access_token}},
            "router_data": ONGOING_ROUTE,
        }
        self.client.connect(
            f"{server_url}?token={uuid.uuid4()}",
            socketio_path=NAMESPACE,
            namespaces=[NAMESPACE],
            transports=["websocket"],
            auth={"event": hydrate},
            wait_timeout=30,
        )
        self.first_after(0, "board_loaded")

    def first_after(self, at_ms: float, text: str | None = None) -> float:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            for stamp, update in list(self.log):
                if stamp >= at_ms and (text is None or text in update):
                    return stamp
            time.sleep(0.002)
        raise TimeoutError(f"no update {text!r} after {at_ms}")

    def tick(self) -> float:
        sent_ms = time.time() * 1000
        tick = {"name": self.tick_event, "payload": {}, "router_data": ONGOING_ROUTE}
        self.client.emit("event", tick, namespace=NAMESPACE)
        return sent_ms

    def close(self) -> None:
        self.client.disconnect()


def _open_socket_boards(server_url: str, count: int, access_token: str) -> list[SocketBoard]:
    return [SocketBoard(server_url, access_token) for _ in range(count)]


def _socket_floor(boards: list[SocketBoard]) -> list[float]:
    samples = []
    for _ in range(FLOOR_ROUNDS):
        sent = [board.tick() for board in boards]  # back to back: all at (nearly) the same instant
        samples.extend(board.first_after(at_ms) - at_ms for board, at_ms in zip(boards, sent, strict=True))
        time.sleep(0.2)
    return samples


def _wait_value(browser: Any, script: str, *args: Any) -> Any:
    WebDriverWait(browser, 10, poll_frequency=0.01).until(lambda b: b.execute_script(script, *args) is not None)
    return browser.execute_script(script, *args)


def _floor(browsers: list) -> list[float]:
    """Every tab sends one no-database event at the same instant; the time to its answer on the socket."""
    samples = []
    for _ in range(FLOOR_ROUNDS):
        at_ms = time.time() * 1000 + 300 + 20 * len(browsers)  # time to arm every tab first
        for browser in browsers:
            browser.execute_script(TICK_AT, at_ms)
        for browser in browsers:
            samples.append(_wait_value(browser, FIRST_FRAME_AFTER, at_ms) - at_ms)
        time.sleep(0.2)
    return samples


def measure(
    label: str, env: dict[str, str], tabs: int, writes: int, offset: int, socket_boards: int = 0
) -> tuple[list[float], list[float]]:
    from tests.e2e.conftest import start_server, stop_server

    server_dir = WORK / f"server-{label}"
    server_dir.mkdir()
    server = start_server(server_dir, _free_port(), env)
    browsers: list = []
    latencies: list[float] = []
    floor: list[float] = []
    boards: list[SocketBoard] = []
    try:
        token = httpx.post(f"{server.url}/api/auth/token/", json={"email": EMAIL, "password": PASSWORD}).json()
        headers = {"Authorization": f"Bearer {token['access_token']}"}
        if socket_boards:
            boards = _open_socket_boards(server.url, socket_boards, token["access_token"])
        else:
            browsers = _open_boards(server.url, tabs)
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
                for board in boards:
                    latencies.append(board.first_after(before_ms, name) - before_ms)
                for browser in browsers:
                    WebDriverWait(browser, 10, poll_frequency=0.01).until(
                        lambda b, name=name: b.execute_script("return window.__seen[arguments[0]]", name)
                    )
                    seen_ms = browser.execute_script("return window.__seen[arguments[0]]", name)
                    latencies.append(seen_ms - before_ms)
                    SOCKET_MS.append(_wait_value(browser, FIRST_FRAME_AFTER, before_ms) - before_ms)
        floor = _socket_floor(boards) if boards else _floor(browsers)
    finally:
        for board in boards:
            board.close()
        for browser in browsers:
            browser.quit()
        stop_server(server)
    return latencies, floor


def _figures(values: list[float]) -> str:
    return f"p50 {statistics.median(values):.0f} ms, p95 {_percentile(values, 0.95):.0f} ms, max {max(values):.0f} ms"


def report(label: str, measured: tuple[list[float], list[float]], tabs: int, writes: int) -> str:
    latencies, floor = measured
    if SOCKET_MS:  # Chromium tabs: to the screen, and to the tab's socket
        seen = f"write-to-screen {_figures(latencies)}; write-to-socket {_figures(SOCKET_MS)}"
    else:  # websocket clients: to the client (no rendering)
        seen = f"write-to-client {_figures(latencies)}"
    line = (
        f"{label}: {tabs} boards x {writes} writes = {len(latencies)} samples; {seen} (the POST itself: p50 "
        f"{statistics.median(POST_MS):.0f} ms); floor, Reflex's round trip in the same tabs "
        f"({tabs} at once x {FLOOR_ROUNDS}): {_figures(floor)}"
    )
    POST_MS.clear()
    SOCKET_MS.clear()
    print(line, flush=True)
    return line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tabs", type=int, default=5)
    parser.add_argument("--writes", type=int, default=20)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--socket-boards", type=int, default=0, help="websocket clients instead of Chromium tabs")
    parser.add_argument("--skip-redis", action="store_true")
    parser.add_argument("--skip-single", action="store_true")
    args = parser.parse_args()
    _migrate_and_seed(cv_count=args.writes * 2)
    base = {key: os.environ[key] for key in ("DATABASE_URL", "UPLOAD_DIR", "SECRET_KEY", "BCRYPT_ROUNDS")}
    boards, kind = (args.socket_boards, "websocket clients") if args.socket_boards else (args.tabs, "Chromium tabs")
    try:
        if not args.skip_single:
            single = measure("single", base, args.tabs, args.writes, offset=0, socket_boards=args.socket_boards)
            report(f"1 worker, in-process registry, {kind}", single, boards, args.writes)
        if not args.skip_redis:
            import redis

            redis.Redis.from_url(REDIS_URL).flushdb()
            multi_env = {**base, "REDIS_URL": REDIS_URL, "GRANIAN_WORKERS": str(args.workers)}
            multi = measure(
                "redis", multi_env, args.tabs, args.writes, offset=args.writes, socket_boards=args.socket_boards
            )
            report(f"REDIS_URL, {args.workers} workers, Redis registry, {kind}", multi, boards, args.writes)
            redis.Redis.from_url(REDIS_URL).flushdb()
    finally:
        shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
