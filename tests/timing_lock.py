"""Tests that measure time run alone, whatever else the other test workers are doing.

`make test` runs the suite on several pytest-xdist workers. A test marked `timing` asserts a time budget (a push
within a second, an event loop that never stalls 50 ms, a slow body cut off on time), so it must not share the
machine's two cores with another worker's browser. Every test holds a lock on the same file for its whole run
(set-up, call and tear-down): `timing` tests hold it exclusively, all others shared. A turnstile in front keeps a
waiting `timing` test from being starved by a stream of shared holders. One process alone (no xdist) takes the
locks too, at no cost: nobody else asks for them.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

LOCK_DIR_VARIABLE = "HR_APP_TEST_LOCK_DIR"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "timing: asserts a time budget, so it runs while no other test runs")
    if not hasattr(config, "workerinput"):  # the controller (or a run without xdist) makes the lock folder
        directory = tempfile.mkdtemp(prefix="hr_app_test_locks_")
        os.environ[LOCK_DIR_VARIABLE] = directory  # workers are started after this and inherit it
        config.stash[_OWN_LOCK_DIR] = directory


def pytest_unconfigure(config: pytest.Config) -> None:
    directory = config.stash.get(_OWN_LOCK_DIR, None)
    if directory:
        shutil.rmtree(directory, ignore_errors=True)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    with hold_room(Path(os.environ[LOCK_DIR_VARIABLE]), exclusive=item.get_closest_marker("timing") is not None):
        return (yield)


@contextmanager
def hold_room(directory: Path, *, exclusive: bool) -> Iterator[None]:
    with (directory / "turnstile").open("a") as turnstile, (directory / "room").open("a") as room:
        fcntl.flock(turnstile, fcntl.LOCK_EX)
        try:
            fcntl.flock(room, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        finally:
            fcntl.flock(turnstile, fcntl.LOCK_UN)
        try:
            yield
        finally:
            fcntl.flock(room, fcntl.LOCK_UN)


_OWN_LOCK_DIR = pytest.StashKey[str]()
