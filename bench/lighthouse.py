"""Lighthouse 12 (mobile profile, default throttling) on the candidate's session page, next to Reflex's floor.

    .venv/bin/python -m bench.lighthouse [--lighthouse /tmp/lh/node_modules/.bin/lighthouse]

Lighthouse is not a dependency of the app: install it once with
`npm install --prefix /tmp/lh lighthouse@12.2.3` (npm registry) and it drives Debian's Chromium (`make browser`).
Seeds the demo organization into a scratch SQLite database, creates a one-candidate panel through the API and
starts the prod server (`reflex run --env prod --single-port`, as `make run`). Audits, each in a fresh Chromium:
the floor, `/login` (the lightest page Reflex builds: what any Reflex page costs here), then the candidate's
before-you-start page and the page while answering (the clock started through the API first). Prints the
performance and accessibility scores, largest contentful paint and bytes transferred; the first visit and a
repeat visit (warm cache: what the hashed assets' `immutable` caching saves) for the session page.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ATTEMPTS = 3
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"


def audit(lighthouse: str, url: str, *, profile: Path | None = None, keep: Path | None = None) -> dict:
    """One Lighthouse run in a fresh Chromium; with `profile`, in that browser profile with its cache kept
    (`--disable-storage-reset`), so a second run there is a repeat visit. With `keep`, the report is saved there."""
    out = Path(tempfile.mkstemp(suffix=".json")[1])
    flags = CHROME_FLAGS + (f" --user-data-dir={profile}" if profile else "")
    command = [
        lighthouse,
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        "--only-categories=performance,accessibility",
        f"--chrome-flags={flags}",
    ]
    if profile:
        command.append("--disable-storage-reset")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    for _attempt in range(ATTEMPTS):  # a loaded machine sometimes loses Chromium's trace (NO_NAVSTART)
        done = subprocess.run(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=300, text=True
        )
        if done.returncode == 0:
            break
    else:
        raise RuntimeError(f"lighthouse failed {ATTEMPTS} times on {url}:\n{done.stderr[-2000:]}")
    report = json.loads(out.read_text())
    if keep:
        shutil.move(out, keep)
    else:
        out.unlink()
    audits = report["audits"]
    return {
        "performance": round(100 * report["categories"]["performance"]["score"]),
        "accessibility": round(100 * report["categories"]["accessibility"]["score"]),
        "lcp_s": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "kb": audits["total-byte-weight"]["numericValue"] / 1024,
    }


def _line(name: str, result: dict) -> str:
    return (
        f"{name:<34} performance {result['performance']:>3}   accessibility {result['accessibility']:>3}   "
        f"LCP {result['lcp_s']:4.1f} s   {result['kb']:6.0f} KB"
    )


def _session_token(server_url: str, email: str, bank: dict, cv_ids: list[str]) -> str:
    from bench.panel_load import _panel_body

    login = httpx.post(f"{server_url}/api/auth/token/", json={"email": email, "password": "bench-password-1"})
    headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
    created = httpx.post(f"{server_url}/api/panel/create/", json=_panel_body(bank, cv_ids, None), headers=headers)
    assert created.status_code == 201, created.text
    return created.json()["data"]["candidates"][0]["token"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lighthouse", default="/tmp/lh/node_modules/.bin/lighthouse")
    parser.add_argument("--keep", type=Path, help="a folder to keep each Lighthouse JSON report in")
    args = parser.parse_args()
    if not Path(args.lighthouse).exists():
        print(f"no Lighthouse at {args.lighthouse}: npm install --prefix /tmp/lh lighthouse@12.2.3", file=sys.stderr)
        return 2
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)

    def run(name: str, url: str, **kwargs: object) -> dict:
        keep = args.keep / f"{name.replace(' ', '_').replace(',', '')}.json" if args.keep else None
        return audit(args.lighthouse, url, keep=keep, **kwargs)

    workdir = Path(tempfile.mkdtemp(prefix="hr_app_lighthouse_"))
    url = f"sqlite:///{workdir / 'bench.db'}"
    secret = uuid.uuid4().hex * 2
    os.environ.update(DATABASE_URL=url, SECRET_KEY=secret, BCRYPT_ROUNDS="4")
    sys.path.insert(0, str(ROOT))
    from bench.api_latency import free_port, migrate
    from bench.panel_load import seed
    from tests.e2e.conftest import start_server, stop_server

    migrate(url)
    email, bank, cv_ids = seed(2)
    server = start_server(workdir / "app", free_port(), {"DATABASE_URL": url, "SECRET_KEY": secret})
    load_before = os.getloadavg()
    try:
        results = {"floor: /login (Reflex's lightest page)": run("login", f"{server.url}/login")}
        before = _session_token(server.url, email, bank, cv_ids)
        results["session, before you start"] = run("session start", f"{server.url}/session/{before}")
        answering = _session_token(server.url, email, bank, cv_ids)
        httpx.post(f"{server.url}/api/panel/session/{answering}/start/").raise_for_status()
        results["session, answering"] = run("session answering", f"{server.url}/session/{answering}")
        audit(args.lighthouse, f"{server.url}/session/{answering}", profile=workdir / "chromium")
        results["session, answering, repeat visit"] = run(
            "session repeat", f"{server.url}/session/{answering}", profile=workdir / "chromium"
        )
    finally:
        stop_server(server)
        shutil.rmtree(workdir, ignore_errors=True)
    load_after = os.getloadavg()

    print(f"machine: {os.cpu_count()} cores; Lighthouse mobile profile, simulated throttling; {CHROMIUM}")
    print(f"load average (1, 5, 15 min): {_load(load_before)} before the audits, {_load(load_after)} after")
    for name, result in results.items():
        print(_line(name, result))
    return 0


def _load(averages: tuple[float, float, float]) -> str:
    return " ".join(f"{value:.2f}" for value in averages)


if __name__ == "__main__":
    sys.exit(main())
