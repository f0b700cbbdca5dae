"""`scripts/cluster.sh` refuses, before starting anything, a set-up several nodes cannot share."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"DATABASE_URL": "sqlite:///hr_app.db", "REDIS_URL": "redis://127.0.0.1:6379/0"}, "PostgreSQL URL"),
        ({"DATABASE_URL": "postgresql+psycopg://postgres@127.0.0.1/x", "REDIS_URL": ""}, "REDIS_URL must be set"),
    ],
)
def test_a_set_up_nodes_cannot_share_is_refused(tmp_path, settings, message):
    env = {**os.environ, **settings, "CLUSTER_DIR": str(tmp_path / "cluster")}
    done = subprocess.run(
        ["bash", "scripts/cluster.sh"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=30, check=False
    )
    assert done.returncode == 2 and message in done.stderr, done.stderr
    assert not (tmp_path / "cluster").exists()  # nothing started, nothing written
