"""`make run` rebuilds the production frontend exactly when what it is built from changed (decision 53).

bench/startup.py runs the real thing (fresh clone, second start, a changed UI file); these check the decision.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("reflex_run", ROOT / "scripts" / "reflex_run.py")
reflex_run = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(reflex_run)

ENV = {"REFLEX_USE_SYSTEM_BUN": "1", "PATH": "/usr/bin"}


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    for name in ("hr_app", "assets"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "external"))
    shutil.copytree(ROOT / "reflex.lock", tmp_path / "reflex.lock")
    shutil.copy(ROOT / "rxconfig.py", tmp_path / "rxconfig.py")
    (tmp_path / reflex_run.BUILD_INDEX).parent.mkdir(parents=True)
    (tmp_path / reflex_run.BUILD_INDEX).write_text("<html></html>")
    return tmp_path


def _built(checkout: Path, port: int = 3000) -> dict[str, str]:
    """A successful build, as `make run` stores it."""
    current = reflex_run.fingerprint(checkout, port, ENV)
    reflex_run._storing_stamp(lambda _root: None, checkout, current)(checkout / ".web")
    return current


def test_an_unchanged_checkout_keeps_its_build(checkout):
    _built(checkout)
    assert reflex_run.build_is_current(checkout, reflex_run.fingerprint(checkout, 3000, ENV))
    (checkout / "hr_app" / "ui" / "pages" / "login.py").touch()  # a new mtime, the same bytes
    assert reflex_run.build_is_current(checkout, reflex_run.fingerprint(checkout, 3000, ENV))


@pytest.mark.parametrize(
    "change",
    [
        "hr_app/ui/pages/login.py",
        "hr_app/hr_app.py",
        "hr_app/kit/limits.py",
        "rxconfig.py",
        "reflex.lock/package.json",
        "assets/new-logo.svg",
    ],
)
def test_a_changed_input_rebuilds(checkout, change):
    _built(checkout)
    path = checkout / change
    path.write_text((path.read_text() if path.exists() else "") + "\n# changed\n")
    assert not reflex_run.build_is_current(checkout, reflex_run.fingerprint(checkout, 3000, ENV))


def test_another_port_or_setting_or_no_build_rebuilds(checkout):
    _built(checkout)
    assert not reflex_run.build_is_current(checkout, reflex_run.fingerprint(checkout, 3001, ENV))
    other = ENV | {"REFLEX_API_URL": "http://example.test:8000"}
    assert not reflex_run.build_is_current(checkout, reflex_run.fingerprint(checkout, 3000, other))
    (checkout / reflex_run.BUILD_INDEX).unlink()
    assert not reflex_run.build_is_current(checkout, reflex_run.fingerprint(checkout, 3000, ENV))


def test_nodes_on_other_ports_share_a_build_made_for_the_balancers_url(checkout):
    behind = ENV | {"REFLEX_API_URL": "http://127.0.0.1:8080"}
    stored = reflex_run.fingerprint(checkout, 3001, behind)
    reflex_run._storing_stamp(lambda _root: None, checkout, stored)(checkout / ".web")
    assert reflex_run.build_is_current(checkout, reflex_run.fingerprint(checkout, 3002, behind))
    assert not reflex_run.build_is_current(checkout, reflex_run.fingerprint(checkout, 3002, ENV))
    moved = behind | {"REFLEX_API_URL": "http://127.0.0.1:8081"}
    assert not reflex_run.build_is_current(checkout, reflex_run.fingerprint(checkout, 3002, moved))


def test_the_reflex_version_is_part_of_the_fingerprint(checkout):
    current = reflex_run.fingerprint(checkout, 3000, ENV)
    assert "version:reflex==0.10.1" in current


def test_no_stamp_after_a_failed_build_or_an_edit_during_the_build(checkout):
    before = reflex_run.fingerprint(checkout, 3000, ENV)

    def failing(_root: Path) -> None:
        raise SystemExit(1)

    with pytest.raises(SystemExit):
        reflex_run._storing_stamp(failing, checkout, before)(checkout / ".web")
    assert not (checkout / reflex_run.STAMP).exists()

    def edited_meanwhile(_root: Path) -> None:
        page = checkout / "hr_app" / "ui" / "pages" / "login.py"
        page.write_text(page.read_text() + "\n# edited during the build\n")

    reflex_run._storing_stamp(edited_meanwhile, checkout, before)(checkout / ".web")
    assert not (checkout / reflex_run.STAMP).exists()


def test_reflex_rewriting_its_lock_during_the_build_still_stores_the_stamp(checkout):
    before = reflex_run.fingerprint(checkout, 3000, ENV)

    def rewrites_lock(_root: Path) -> None:
        (checkout / "reflex.lock" / "package.json").write_text("{}")

    reflex_run._storing_stamp(rewrites_lock, checkout, before)(checkout / ".web")
    assert reflex_run.build_is_current(checkout, reflex_run.fingerprint(checkout, 3000, ENV))
