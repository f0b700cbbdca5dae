"""The CV and interview lists' search on PostgreSQL at 10,000 CVs, with revision 0017's indexes and without them,
in the same run (decision 121): the services' own statements, EXPLAINed and timed.

    .venv/bin/python -m bench.search_indexes [--repeat 15] [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/x]

Seeds 10,000 CVs with an interview each (bench/seed_bulk.py) into a scratch database on that server (created and
dropped), runs VACUUM ANALYZE, then for each case times the service call (median of --repeat; a session, the user, the
COUNT and the page of 50) and prints the index each statement it sent used. Then it downgrades to the revision
before 0017 (the indexes dropped), runs VACUUM ANALYZE again and does the same.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BEFORE = "0016_question_types"
INDEX_NAME = re.compile(r"(?:Index Scan|Index Only Scan|Bitmap Index Scan) (?:using |on )(\w+)")


def scratch_database(server_url: str) -> tuple[str, Callable[[], None]]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"hrapp_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        from hr_app.db import get_engine

        get_engine().dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    return make_url(server_url).set(database=name).render_as_string(hide_password=False), drop


def _cases(admin_id: int) -> list[tuple[str, Callable[[Any], Any]]]:
    from hr_app.models import AppUser
    from hr_app.services.cv_list import CvFilter, cv_page
    from hr_app.services.interview_list import InterviewFilter, list_interview_rows
    from hr_app.services.pagination import PageRequest

    def cvs(search: str) -> Callable[[Any], Any]:
        matching = CvFilter(search=search)
        return lambda s: cv_page(s, actor=s.get(AppUser, admin_id), matching=matching, page=PageRequest())

    def interviews(search: str) -> Callable[[Any], Any]:
        matching = InterviewFilter(search=search)
        return lambda s: list_interview_rows(s, actor=s.get(AppUser, admin_id), page=PageRequest(), matching=matching)

    return [
        ("CV list, search 'candidate 4711'", cvs("candidate 4711")),
        ("CV list, search '4711@bench'", cvs("4711@bench")),
        ("CV list, search 'thrissur'", cvs("thrissur")),
        ("CV list, first page by name", cvs("")),
        ("interview list, search 'candidate 4711'", interviews("candidate 4711")),
        ("interview list, search 'thrissur'", interviews("thrissur")),
    ]


def _short(indexes: set[str]) -> str:
    """`trigram(name, email, ...)` for 0017's GIN indexes, the others by name; `seq scan` when none."""
    trigram = sorted(name.removeprefix("ix_user_cv_data_").removesuffix("_trgm") for name in indexes if "_trgm" in name)
    others = sorted(name for name in indexes if "_trgm" not in name)
    return " + ".join(([f"trigram({', '.join(trigram)})"] if trigram else []) + others) or "seq scan"


def _measure(case: Callable[[Any], Any], repeat: int) -> tuple[float, list[str]]:
    from sqlalchemy import event

    from hr_app.db import get_engine, session_scope

    sent: list[tuple[str, Any]] = []

    def record(_conn, _cursor, statement, parameters, _context, _many) -> None:  # noqa: ANN001
        sent.append((statement, parameters))

    engine = get_engine()
    event.listen(engine, "before_cursor_execute", record)
    with session_scope() as session:
        case(session)
    event.remove(engine, "before_cursor_execute", record)
    used = []
    with engine.connect() as connection:
        for statement, parameters in sent:
            if "user_cv_data" in statement:
                plan = "\n".join(row[0] for row in connection.exec_driver_sql(f"EXPLAIN {statement}", parameters))
                used.append(_short(set(INDEX_NAME.findall(plan))))
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        with session_scope() as session:
            case(session)
        timings.append(1000 * (time.perf_counter() - started))
    return statistics.median(timings), used


def _vacuum_analyze() -> None:
    """What autovacuum does shortly after a bulk insert: fresh statistics, and the rows a GIN index holds in its
    pending list (fastupdate) moved into the index proper; before that the planner rightly prices the index high."""
    from sqlalchemy import text

    from hr_app.db import get_engine

    with get_engine().connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM ANALYZE"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--cvs", type=int, default=10_000)
    parser.add_argument("--database-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    url, drop = scratch_database(args.database_url)
    os.environ.update(DATABASE_URL=url, SECRET_KEY=uuid.uuid4().hex * 2, BCRYPT_ROUNDS="4")
    sys.path.insert(0, str(ROOT))
    from bench.api_latency import migrate
    from bench.seed_bulk import seed
    from hr_app.db import session_scope

    try:
        migrate(url)
        with session_scope() as session:
            seeded = seed(session, interviews=args.cvs, panels=1)
        results: dict[str, dict[str, tuple[float, list[str]]]] = {}
        for label in ("with 0017", "without"):
            if label == "without":
                from alembic import command
                from alembic.config import Config

                config = Config(str(ROOT / "alembic.ini"))
                config.attributes["database_url"] = url
                config.attributes["configure_logger"] = False
                command.downgrade(config, BEFORE)
            _vacuum_analyze()
            results[label] = {name: _measure(case, args.repeat) for name, case in _cases(seeded.admin_id)}
    finally:
        drop()
    print(f"PostgreSQL, {args.cvs:,} CVs; median of {args.repeat}; load average {os.getloadavg()[0]:.2f}")
    print(f"{'case':<42} {'with 0017':>10} {'without':>9}  indexes used (COUNT / page), with 0017")
    for name in results["with 0017"]:
        (with_ms, used), (without_ms, _) = results["with 0017"][name], results["without"][name]
        print(f"{name:<42} {with_ms:>8.1f}ms {without_ms:>7.1f}ms  {' / '.join(used)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
