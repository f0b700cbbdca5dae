"""A Redis database of its own for each test module that needs Redis, per pytest-xdist worker.

Tests flush the database they use before and after, so two workers must never share one. Redis has databases
0-15; the tests take 8 and up: four slots per worker, two workers (`make test`'s default) fill them.
"""

from __future__ import annotations

import os

FIRST_DB = 8
SLOTS_PER_WORKER = 4
REDIS_DATABASES = 16

RATE_LIMITS, MULTI_WORKER, CLUSTER, BOARD_VERSION = range(SLOTS_PER_WORKER)


def redis_test_url(slot: int) -> str:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")  # gw0, gw1, ... under xdist; one process is gw0
    database = FIRST_DB + SLOTS_PER_WORKER * int(worker.removeprefix("gw")) + slot
    if not 0 <= slot < SLOTS_PER_WORKER or database >= REDIS_DATABASES:
        raise RuntimeError(f"no Redis database left for worker {worker}, slot {slot}: run at most 2 test workers")
    return f"redis://127.0.0.1:6379/{database}"
