"""The lock that lets a `timing` test run alone while other workers wait (tests/timing_lock.py)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from tests.timing_lock import hold_room


def _hold_in_thread(
    directory: Path, exclusive: bool, entered: threading.Event, leave: threading.Event
) -> threading.Thread:
    """Each thread opens the lock files itself, so it locks like another worker process would."""

    def run() -> None:
        with hold_room(directory, exclusive=exclusive):
            entered.set()
            leave.wait(10)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def test_shared_holders_run_together(tmp_path):
    entered, leave = [threading.Event(), threading.Event()], threading.Event()
    threads = [_hold_in_thread(tmp_path, False, event, leave) for event in entered]
    try:
        assert all(event.wait(5) for event in entered)
    finally:
        leave.set()
        for thread in threads:
            thread.join(5)


def test_an_exclusive_holder_waits_for_the_shared_one_and_then_keeps_later_ones_out(tmp_path):
    shared_in, shared_leave = threading.Event(), threading.Event()
    exclusive_in, exclusive_leave = threading.Event(), threading.Event()
    late_in, late_leave = threading.Event(), threading.Event()
    first = _hold_in_thread(tmp_path, False, shared_in, shared_leave)
    assert shared_in.wait(5)
    exclusive = _hold_in_thread(tmp_path, True, exclusive_in, exclusive_leave)
    time.sleep(0.2)
    late = _hold_in_thread(tmp_path, False, late_in, late_leave)  # comes while the exclusive one waits
    time.sleep(0.2)
    assert not exclusive_in.is_set() and not late_in.is_set()

    shared_leave.set()
    assert exclusive_in.wait(5)
    time.sleep(0.2)
    assert not late_in.is_set()  # not let in beside the exclusive holder

    exclusive_leave.set()
    assert late_in.wait(5)
    late_leave.set()
    for thread in (first, exclusive, late):
        thread.join(5)
