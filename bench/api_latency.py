"""API latency against the prod server, and against the floor (same SQL + same JSON, no framework).

    .venv/bin/python -m bench.api_latency [--sizes 1000 10000] [--duration 20] [--connections 32]
    .venv/bin/python -m bench.api_latency --sizes 10000 --skip-wrk     # only the whole lists, against their floor

Seeds N interviews per size into a scratch SQLite database (or `--database-url` PostgreSQL server: a scratch
database is created there and dropped), starts `reflex run --env prod` and the floor (bench/floor.py under
granian), drives bounded loopback load with wrk at each endpoint, and prints p50 / p99 / requests per second
for both and the ratio of the p50s. Installs wrk from Debian's packages if it is missing.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_wrk() -> str:
    if not shutil.which("wrk"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, capture_output=True)
    return shutil.which("wrk") or "wrk"


def migrate(url: str) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["database_url"] = url
    config.attributes["configure_logger"] = False
    command.upgrade(config, "head")


def wait_ready(url: str, process: subprocess.Popen[bytes], timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early: {url}")
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.3)
    raise RuntimeError(f"not ready: {url}")


def start(command: list[str], cwd: Path, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def run_wrk(wrk: str, url: str, token: str, duration: int, connections: int) -> dict[str, float]:
    result = subprocess.run(
        [
            wrk,
            f"-t{min(2, connections)}",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "30s",
            "--latency",
            "-H",
            f"Authorization: Bearer {token}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    text = result.stdout
    if os.environ.get("BENCH_DEBUG"):
        print(text, file=sys.stderr)

    def latency(percent: str) -> float:
        match = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
        return float(match.group(1)) * UNITS[match.group(2)] if match else float("nan")

    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return {
        "p50": latency("50"),
        "p99": latency("99"),
        "rps": float(rps.group(1)) if rps else 0.0,
        "non2xx": float(errors.group(1)) if errors else 0.0,
    }


def endpoints(interview_id: uuid.UUID, size: int) -> list[tuple[str, str]]:
    whole_list = [("list interviews (whole)", "/api/interview-management/")] if size <= 1000 else []
    return [
        *whole_list,
        ("list interviews, page of 50", "/api/interview-management/?page=1&page_size=50"),
        ("interview detail", f"/api/interview-management/{interview_id}/"),
        ("cvs-for-interview", "/api/interview-management/cvs-for-interview/"),
        ("panels", "/api/panel/get/"),
    ]


# The whole lists, against the floor of bench/floor.py: the same rows read with the driver and written by orjson.
WHOLE_LISTS = [
    ("list interviews (whole)", "/api/interview-management/"),
    ("ongoing interviews (whole)", "/api/interview-management/ongoing-interviews/"),
]


def one_at_a_time(url: str, token: str, repeat: int) -> tuple[float, bytes]:
    """Median wall time of `repeat` sequential GETs on one kept-alive connection, and the last body."""
    timings, body = [], b""
    with httpx.Client(headers={"Authorization": f"Bearer {token}"}, timeout=120) as client:
        client.get(url).raise_for_status()  # warm-up
        for _ in range(repeat):
            started = time.perf_counter()
            response = client.get(url)
            timings.append(1000 * (time.perf_counter() - started))
            response.raise_for_status()
            body = response.content
    return sorted(timings)[len(timings) // 2], body


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=10, help="sequential requests per whole list")
    parser.add_argument("--skip-wrk", action="store_true", help="only the whole lists, one request at a time")
    parser.add_argument("--database-url", default=None, help="a PostgreSQL server URL (default: SQLite)")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="hr_app_bench_"))
    url = f"sqlite:///{workdir / 'bench.db'}"
    drop = None
    if args.database_url:
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        name = f"hrapp_bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(args.database_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(args.database_url).set(database=name).render_as_string(hide_password=False)

        def drop() -> None:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    secret = uuid.uuid4().hex * 2
    os.environ.update(DATABASE_URL=url, SECRET_KEY=secret, BCRYPT_ROUNDS="4")
    sys.path.insert(0, str(ROOT))
    from bench.seed_bulk import PASSWORD, seed
    from hr_app.db import session_scope
    from tests.e2e.conftest import reflex_env, start_server, stop_server

    wrk = ensure_wrk()
    migrate(url)
    server = start_server(workdir / "app", free_port(), {"DATABASE_URL": url, "SECRET_KEY": secret})
    floor_port = free_port()
    floor = None
    print(
        f"machine: {os.cpu_count()} cores; database: {url.split(':')[0]}; wrk -c{args.connections} -d{args.duration}s\n"
    )
    print(
        f"{'rows':>6}  {'endpoint':<28} {'app p50':>9} {'app p99':>9} {'app rps':>8}  "
        f"{'floor p50':>9} {'floor p99':>9} {'floor rps':>9}  {'p50 ratio':>9}"
    )
    try:
        for size in args.sizes:
            with session_scope() as session:
                seeded = seed(session, interviews=size)
            env = reflex_env({"DATABASE_URL": url, "SECRET_KEY": secret, "BENCH_ACTOR_ID": str(seeded.admin_id)})
            floor = start(
                [
                    str(ROOT / ".venv/bin/granian"),
                    "--interface",
                    "asgi",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(floor_port),
                    "bench.floor:app",
                ],
                ROOT,
                env,
                workdir / "floor.log",
            )
            wait_ready(f"http://127.0.0.1:{floor_port}/", floor)
            token = httpx.post(
                f"{server.url}/api/auth/token/", json={"email": seeded.admin_email, "password": PASSWORD}
            ).json()["access_token"]
            for label, path in [] if args.skip_wrk else endpoints(seeded.interview_ids[size // 2], size):
                app = run_wrk(wrk, server.url + path, token, args.duration, args.connections)
                base = run_wrk(wrk, f"http://127.0.0.1:{floor_port}{path}", token, args.duration, args.connections)
                ratio = app["p50"] / base["p50"] if base["p50"] else float("nan")
                flag = " (non-2xx!)" if app["non2xx"] or base["non2xx"] else ""
                print(
                    f"{size:>6}  {label:<28} {app['p50']:>7.1f}ms {app['p99']:>7.1f}ms {app['rps']:>8.0f}  "
                    f"{base['p50']:>7.1f}ms {base['p99']:>7.1f}ms {base['rps']:>9.0f}  {ratio:>8.2f}x{flag}",
                    flush=True,
                )
            for label, path in WHOLE_LISTS:
                app_ms, app_body = one_at_a_time(f"{server.url}{path}", token, args.repeat)
                floor_ms, floor_body = one_at_a_time(f"http://127.0.0.1:{floor_port}{path}", token, args.repeat)
                same = "same bytes" if app_body == floor_body else "BODIES DIFFER"
                print(
                    f"{size:>6}  {label:<28} one request at a time, median of {args.repeat}: app {app_ms:.1f} ms, "
                    f"floor {floor_ms:.1f} ms ({app_ms / floor_ms:.2f}x, {same}); "
                    f"load average {os.getloadavg()[0]:.2f}",
                    flush=True,
                )
            stop(floor)
            floor = None
    finally:
        if floor is not None:
            stop(floor)
        stop_server(server)
        if drop:
            from hr_app.db import get_engine

            get_engine().dispose()
            drop()
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
