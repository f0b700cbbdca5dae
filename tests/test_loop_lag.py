"""The event-loop lag probe measures how late the loop wakes."""

from __future__ import annotations

import asyncio
import time

import pytest

from hr_app.loop_lag import LoopLagProbe


async def _run_for(probe: LoopLagProbe, block_s: float = 0.0) -> None:
    task = asyncio.create_task(probe.run())
    await asyncio.sleep(0.05)
    time.sleep(block_s)  # deliberately freeze the loop, as a sync database call or hash would
    await asyncio.sleep(0.05)
    task.cancel()


def test_a_blocked_loop_shows_as_lag():
    probe = LoopLagProbe(interval_s=0.005)
    asyncio.run(_run_for(probe, block_s=0.1))
    snapshot = probe.snapshot()
    assert snapshot["max_ms"] >= 90
    assert snapshot["samples"] >= 2


@pytest.mark.timing
def test_an_idle_loop_has_no_large_lag():
    probe = LoopLagProbe(interval_s=0.005)
    asyncio.run(_run_for(probe))
    assert probe.snapshot()["samples"] >= 2
    assert probe.snapshot()["max_ms"] < 90


def test_the_window_is_bounded_and_reset_empties_it():
    probe = LoopLagProbe(interval_s=0.001, window=5)
    asyncio.run(_run_for(probe))
    assert probe.snapshot()["samples"] == 5
    probe.reset()
    assert probe.snapshot() == {"p99_ms": 0.0, "max_ms": 0.0, "samples": 0}


def test_p99_is_taken_over_the_window():
    probe = LoopLagProbe(window=100)
    probe._lags_ms.extend([1.0] * 98 + [50.0, 200.0])
    assert probe.snapshot() == {"p99_ms": 50.0, "max_ms": 200.0, "samples": 100}


def test_the_server_runs_the_probe_for_its_whole_lifespan():
    from hr_app.hr_app import app
    from hr_app.loop_lag import run_probe

    assert run_probe in app.get_lifespan_tasks()
