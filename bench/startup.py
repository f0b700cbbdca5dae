"""Start-up of `make run`: first start of a fresh clone, a second start of the unchanged checkout, and a start after
one UI file changed (which must rebuild the frontend). Each start is timed from `make run` to the first answer of
both `/ping` and the login page; each stop from a terminal's Ctrl-C (SIGINT to the process group) to the last
process gone.

    .venv/bin/python -m bench.startup [--port 3917] [--keep]

The clone lives under /tmp (its own .web, database and uploads) and shares this checkout's .venv and bun.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILT_LINE = "Creating Production Build"
KEPT_LINE = "serving the kept production build"


def _clone() -> Path:
    target = Path(tempfile.mkdtemp(prefix="hr_app_startup_")) / "hr_app"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(target)], check=True)
    (target / ".venv").symlink_to((ROOT / ".venv").resolve())
    (target / ".tools").mkdir()
    (target / ".tools" / "node_modules").symlink_to((ROOT / ".tools" / "node_modules").resolve())
    return target


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _start(clone: Path, port: int, log: Path) -> tuple[subprocess.Popen, float]:
    started = time.monotonic()
    process = subprocess.Popen(
        ["make", "run", f"PORT={port}"],
        cwd=clone,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,  # a terminal's foreground group: Ctrl-C reaches make and the script alike
    )
    base = f"http://127.0.0.1:{port}"
    while not (_answers(f"{base}/ping") and _answers(f"{base}/login")):
        if process.poll() is not None or time.monotonic() - started > 300:
            raise SystemExit(f"make run did not serve; see {log}")
        time.sleep(0.1)
    return process, time.monotonic() - started


def _stop(process: subprocess.Popen) -> float:
    started = time.monotonic()
    os.killpg(process.pid, signal.SIGINT)
    process.wait(timeout=30)
    while subprocess.run(["pgrep", "-g", str(process.pid)], capture_output=True).returncode == 0:
        if time.monotonic() - started > 30:
            raise SystemExit("processes left after Ctrl-C")
        time.sleep(0.05)
    return time.monotonic() - started


def _run(clone: Path, port: int, name: str) -> tuple[float, float, str]:
    log = clone.parent / f"{name}.log"
    process, served = _start(clone, port, log)
    stopped = _stop(process)
    text = log.read_text()
    built = "rebuilt" if BUILT_LINE in text else "kept" if KEPT_LINE in text else "?"
    return served, stopped, built


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=3917)
    parser.add_argument("--keep", action="store_true", help="keep the clone under /tmp")
    args = parser.parse_args()
    clone = _clone()
    try:
        results = [("first start (fresh clone)", *_run(clone, args.port, "first"))]
        results.append(("second start (unchanged)", *_run(clone, args.port, "second")))
        page = clone / "hr_app" / "ui" / "pages" / "login.py"
        page.write_text(page.read_text() + "\n# a changed UI file\n")
        results.append(("after a UI file changed", *_run(clone, args.port, "changed")))
        results.append(("next start (unchanged)", *_run(clone, args.port, "again")))
    finally:
        if not args.keep:
            shutil.rmtree(clone.parent, ignore_errors=True)
    print(f"load average {os.getloadavg()[0]:.2f}; make run PORT={args.port} in a fresh clone under /tmp")
    print(f"{'start':28} {'served after':>13} {'frontend':>9} {'Ctrl-C to gone':>15}")
    for name, served, stopped, built in results:
        print(f"{name:28} {served:12.1f}s {built:>9} {stopped:14.1f}s")


if __name__ == "__main__":
    main()
