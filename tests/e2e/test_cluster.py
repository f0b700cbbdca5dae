"""Two app nodes behind HAProxy (`scripts/cluster.sh`, as `make cluster` runs it), sharing PostgreSQL, Redis and
S3-compatible storage (moto in server mode), with one mail worker and a real SMTP server (aiosmtpd). API load runs
through the balancer while one node is killed (SIGKILL): the other keeps serving, every acknowledged write is in
the database, a voice note uploaded through the dead node plays through the survivor, and mail queued through
the dead node is delivered exactly once.

PostgreSQL only: on SQLite the `cluster` marker is deselected by tests/conftest.py (not skipped; docs/deploy.md).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
import redis
from sqlmodel import col, select

from hr_app.models import OutboxMessage, Role, UserCvData
from tests.api.interview_support import IM, make_interview, wav_bytes
from tests.e2e.conftest import APP_FILES, ROOT, reflex_env, sign_in, wait_for
from tests.e2e.helpers import card_selector, seconds_until_visible
from tests.factories import PASSWORD, auth_header, create_cv, create_org, create_user
from tests.mail.conftest import SmtpServer
from tests.object_storage import S3Server, free_port
from tests.redis_db import CLUSTER, redis_test_url

pytestmark = [pytest.mark.e2e, pytest.mark.cluster, pytest.mark.timing]

REDIS_URL = redis_test_url(CLUSTER)  # a database of its own, emptied before and after
START_TIMEOUT_S = 240
LOAD_THREADS = 3
BEFORE_KILL_S = 3.0
AFTER_KILL_S = 5.0
FAILOVER_S = 1.0  # a request started this long after the kill must succeed
BOARD_BUDGET_S = 10.0  # a board whose socket was on the dead node reconnects (Reflex's back-off) within this


@dataclass
class Cluster:
    url: str
    node_urls: dict[str, str]
    directory: Path
    process: subprocess.Popen[bytes]
    smtp: SmtpServer

    def log(self) -> str:
        return (self.directory.parent / "cluster.out").read_text(errors="replace")

    def balancer(self, command: str) -> str:
        """A command on HAProxy's admin socket (`show sess`, `show servers state`, ...)."""
        with socket.socket(socket.AF_UNIX) as connection:
            connection.connect(str(self.directory / "haproxy.sock"))
            connection.sendall(command.encode() + b"\n")
            return b"".join(iter(lambda: connection.recv(65536), b"")).decode()

    def websocket_node(self, timeout: float = 5.0) -> str:
        """The node the one open websocket (the board's) goes to: once the page has loaded, the only stream through
        the balancer that stays (a page request still in flight may show another node for a moment)."""
        deadline = time.monotonic() + timeout
        while True:
            streams = self.balancer("show sess")
            nodes = set(re.findall(r"fe=hr_app be=nodes srv=(node\d)", streams))
            if len(nodes) == 1:
                return nodes.pop()
            assert time.monotonic() < deadline, streams
            time.sleep(0.2)

    def kill(self, name: str) -> None:
        """SIGKILL the node's whole process group: no shutdown, no goodbye, as a machine that loses power."""
        os.killpg(int((self.directory / f"{name}.pid").read_text()), signal.SIGKILL)


def _wait_for_cluster(process: subprocess.Popen[bytes], out: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        text = out.read_text(errors="replace") if out.exists() else ""
        if "cluster: serving on" in text:
            return
        if process.poll() is not None:
            raise RuntimeError(f"cluster.sh exited:\n{text[-4000:]}")
        time.sleep(0.2)
    raise RuntimeError(f"the cluster did not serve within {START_TIMEOUT_S} s:\n{out.read_text()[-4000:]}")


@pytest.fixture(scope="module")
def cluster(database: str, s3_server: S3Server) -> Iterator[Cluster]:
    redis.Redis.from_url(REDIS_URL).flushdb()
    smtp = SmtpServer(free_port())
    smtp.start()
    workdir = Path(tempfile.mkdtemp(prefix="hr_app_cluster_"))
    for name in (*APP_FILES, "scripts"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, workdir / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, workdir / name)
    ports = [free_port() for _ in range(3)]
    env = reflex_env(
        {
            "DATABASE_URL": database,
            "SECRET_KEY": os.environ["SECRET_KEY"],
            "REDIS_URL": REDIS_URL,
            "SMTP_URL": f"smtp://127.0.0.1:{smtp.port}",
            "CLUSTER_PORT": str(ports[0]),
            "NODE_PORTS": f"{ports[1]} {ports[2]}",
            "CLUSTER_DIR": str(workdir / ".cluster"),
            "PUBLIC_URL": f"http://127.0.0.1:{ports[0]}",
            "VENV": str(ROOT / ".venv"),
            **s3_server.environment(f"cluster-{uuid.uuid4().hex[:8]}"),
        }
    )
    out = workdir / "cluster.out"
    with out.open("wb") as log:
        process = subprocess.Popen(
            ["bash", "scripts/cluster.sh"],
            cwd=workdir,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_for_cluster(process, out)
        yield Cluster(
            url=f"http://127.0.0.1:{ports[0]}",
            node_urls={"node1": f"http://127.0.0.1:{ports[1]}", "node2": f"http://127.0.0.1:{ports[2]}"},
            directory=workdir / ".cluster",
            process=process,
            smtp=smtp,
        )
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        smtp.stop()
        redis.Redis.from_url(REDIS_URL).flushdb()
        shutil.rmtree(workdir, ignore_errors=True)


def test_the_second_node_reuses_the_first_ones_build_and_the_balancer_uses_both(cluster):
    started = dict(re.findall(r"cluster: (node\d) serving on port \d+ after (\d+) s", cluster.log()))
    print(f"node start: {started}")  # docs/deploy.md quotes these
    assert set(started) == {"node1", "node2"} and int(started["node2"]) <= 15, cluster.log()
    node1_log = (cluster.directory / "node1.log").read_text()
    node2_log = (cluster.directory / "node2.log").read_text()
    assert "Creating Production Build" not in node2_log, node2_log[-2000:]  # node1 built it, or it was kept
    assert "Creating Production Build" in node1_log or "serving the kept production build" in node1_log
    served_by = set()
    for _ in range(6):
        with httpx.Client(timeout=10) as client:  # a new connection each time: round robin per connection
            page = client.get(f"{cluster.url}/")
        assert page.status_code == 200 and "<html" in page.text.lower()
        served_by.add(page.headers["x-hr-app-node"])
    assert served_by == {"node1", "node2"}


def _load(url: str, headers: dict[str, str], stop: threading.Event, results: list[tuple], worker: int) -> None:
    """Create CVs through the balancer until told to stop; each result is (started, status, cv id or None)."""
    number = 0
    while not stop.is_set():
        number += 1
        body = {"name": f"Load {worker}-{number}", "email": f"load{worker}-{number}@example.com"}
        started = time.monotonic()
        try:
            with httpx.Client(timeout=15) as client:
                response = client.post(f"{url}/api/cvs/", headers=headers, json=body)
            status = response.status_code
            cv_id = response.json()["data"]["id"] if status == 201 else None
        except httpx.HTTPError:
            status, cv_id = 0, None
        results.append((started, status, cv_id))


def test_a_node_killed_mid_load_loses_nothing_and_the_other_carries_on(cluster, db, browser):
    org = create_org(db)
    admin = create_user(db, org, role=Role.ADMIN)
    headers = auth_header(admin)
    # A live board in Chromium, through the balancer; the node its websocket goes to is the one that will die.
    sign_in(browser, cluster, admin.email, PASSWORD, "/ongoing")
    wait_for(browser, "page-title")
    dying = cluster.websocket_node()
    survivor = "node2" if dying == "node1" else "node1"
    doomed, surviving = cluster.node_urls[dying], cluster.node_urls[survivor]

    # Through the node about to die: a voice note, and three invitations whose e-mail the worker sends.
    interview = make_interview(db, org)
    note = wav_bytes()
    with httpx.Client(timeout=15) as client:
        files = {"voice_note": ("note.wav", note, "application/octet-stream")}
        uploaded = client.post(f"{doomed}{IM}/{interview.id}/evaluation/", headers=headers, files=files)
        assert uploaded.status_code == 201, uploaded.text
        invited = [f"nia{n}-{uuid.uuid4().hex[:6]}@example.com" for n in range(3)]
        for email in invited:
            body = {"email": email, "first_name": "Nia", "last_name": "New", "role": "hr", "job_role": "Recruiter"}
            assert client.post(f"{doomed}/api/users/invite/", headers=headers, json=body).status_code == 201

    results: list[tuple] = []
    stop = threading.Event()
    threads = [
        threading.Thread(target=_load, args=(cluster.url, headers, stop, results, n), daemon=True)
        for n in range(LOAD_THREADS)
    ]
    for thread in threads:
        thread.start()
    time.sleep(BEFORE_KILL_S)
    killed_at = time.monotonic()
    cluster.kill(dying)
    time.sleep(AFTER_KILL_S)
    stop.set()
    for thread in threads:
        thread.join(timeout=20)

    before = [r for r in results if r[0] < killed_at]
    after = [r for r in results if r[0] >= killed_at + FAILOVER_S]
    acknowledged = {r[2] for r in results if r[1] == 201}
    failed = [r for r in results if r[1] != 201]
    print(
        f"load: {len(results)} requests, {len(before)} before the kill, {len(after)} from 1 s after,"
        f" {len(failed)} failed"
    )
    assert before and all(r[1] == 201 for r in before[:-LOAD_THREADS])
    assert len(after) >= 10 and all(r[1] == 201 for r in after), after
    assert len(failed) <= LOAD_THREADS  # only what was in flight on the dead node when it died

    db.expire_all()
    stored = set(db.exec(select(UserCvData.id).where(col(UserCvData.name).startswith("Load "))).all())
    assert acknowledged <= {str(cv_id) for cv_id in stored}  # nothing committed is lost
    assert len(stored) <= len(acknowledged) + len(failed)  # and nothing was written twice

    with httpx.Client(timeout=15) as client:  # recorded through the dead node, played through the survivor
        played = client.get(f"{surviving}{IM}/{interview.id}/voice-note/", headers=headers)
        assert played.status_code == 200 and played.content == note
        part = client.get(f"{cluster.url}{IM}/{interview.id}/voice-note/", headers={**headers, "Range": "bytes=10-99"})
        assert part.status_code == 206 and part.content == note[10:100]
        assert part.headers["content-range"] == f"bytes 10-99/{len(note)}" and part.headers["x-hr-app-node"] == survivor

    cv = create_cv(db, org, name="Survivor Board")
    started = time.monotonic()
    with httpx.Client(timeout=15) as client:
        response = client.post(
            f"{cluster.url}{IM}/start-interview/",
            headers=headers,
            json={"candidate_id": str(cv.id), "scheduled_at": (datetime.now(UTC) + timedelta(minutes=30)).isoformat()},
        )
    assert response.status_code == 201, response.text
    shown = seconds_until_visible(browser, card_selector("Survivor Board"), started, timeout=BOARD_BUDGET_S)
    print(f"board (its socket was on the dead node): the new card showed {shown:.2f} s after the write")

    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not all(_delivered(cluster, email) for email in invited):
        time.sleep(0.2)
    time.sleep(1.5)  # room for a second delivery, were there one
    assert [_delivered(cluster, email) for email in invited] == [1, 1, 1]
    db.expire_all()
    statuses = db.exec(select(OutboxMessage.status).where(col(OutboxMessage.recipient).in_(invited))).all()
    assert sorted(statuses) == ["sent"] * 3
    for name in (survivor, "worker", "balancer"):  # the survivor took over without an error of its own
        log = (cluster.directory / f"{name}.log").read_text(errors="replace")
        assert "Traceback (most recent call last)" not in log, f"{name}:\n{log[-4000:]}"


def _delivered(cluster: Cluster, email: str) -> int:
    return sum(1 for message in cluster.smtp.recorder.deliveries if message["To"] == email)
