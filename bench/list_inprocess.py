"""In-process time of the ongoing list (1,000 ongoing interviews) and the whole list (10,000 interviews), next to
their floor measured in the same run: the same rows read with the database driver and serialised with orjson.

    .venv/bin/python -m bench.list_inprocess [--repeat 20] [--database-url postgresql+psycopg://...]

The app's side is what the route runs: a session, the signed-in user, the service and the envelope's JSON (not the
HTTP plumbing: bench/api_latency.py times that). Both sides must give the same bytes; the script checks it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _median_ms(call: Callable[[], bytes], repeat: int) -> tuple[float, bytes]:
    timings, body = [], b""
    for _ in range(repeat):
        started = time.perf_counter()
        body = call()
        timings.append(1000 * (time.perf_counter() - started))
    return statistics.median(timings), body


def _analyze(url: str) -> None:
    """Fresh statistics after the bulk insert, as autovacuum would gather them in a while."""
    from sqlalchemy import create_engine, text

    with create_engine(url, isolation_level="AUTOCOMMIT").connect() as connection:
        connection.execute(text("ANALYZE"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--database-url", default=None, help="an empty PostgreSQL database (default: SQLite)")
    args = parser.parse_args()
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp(prefix='hr_app_list_')}/bench.db"
    os.environ.update(DATABASE_URL=url, SECRET_KEY=uuid.uuid4().hex * 2, BCRYPT_ROUNDS="4")
    sys.path.insert(0, str(ROOT))
    from bench.api_latency import migrate
    from bench.floor import ongoing_list_json, whole_list_json
    from bench.seed_bulk import seed
    from hr_app.db import session_scope
    from hr_app.models import AppUser
    from hr_app.schemas.common import envelope_json
    from hr_app.services import interview_list

    migrate(url)
    with session_scope() as session:
        ongoing_org = seed(session, interviews=1500, panels=1)  # every third one is selected: 1,000 ongoing
        whole_org = seed(session, interviews=10_000, panels=1)
    if url.startswith("postgresql"):
        _analyze(url)

    def app_ongoing() -> bytes:
        with session_scope() as session:
            items = interview_list.list_ongoing_items(session, actor=session.get(AppUser, ongoing_org.admin_id))
            return envelope_json(f"Found {items.total} ongoing interview(s)", items)

    def app_whole() -> bytes:
        with session_scope() as session:
            items = interview_list.list_interview_items(session, actor=session.get(AppUser, whole_org.admin_id))
            return envelope_json(f"Found {items.total} interview(s)", items)

    cases = [
        ("ongoing list, 1,000 ongoing", app_ongoing, lambda: ongoing_list_json(ongoing_org.organization_id)),
        ("whole list, 10,000", app_whole, lambda: whole_list_json(whole_org.organization_id)),
    ]
    print(f"database: {url.split(':')[0]}; load average {os.getloadavg()[0]:.2f}; median of {args.repeat}")
    print(f"{'list':<28} {'app':>9} {'floor':>9} {'ratio':>6}  same bytes")
    for label, app, floor in cases:
        app_ms, app_body = _median_ms(app, args.repeat)
        floor_ms, floor_body = _median_ms(floor, args.repeat)
        same = app_body == floor_body
        print(f"{label:<28} {app_ms:>7.1f}ms {floor_ms:>7.1f}ms {app_ms / floor_ms:>5.2f}x  {same}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
