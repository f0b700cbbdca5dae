"""The UI states open every database session in a worker thread (a scan of hr_app/ui checks them all).

A synchronous handler would run its query inline on the event loop and freeze every websocket of the worker.
"""

from __future__ import annotations

import ast
import threading
from pathlib import Path

import pytest

from hr_app import db as db_module
from hr_app.ui.components.cv_add import AddCvDialogState
from hr_app.ui.components.cv_delete import DeleteCvDialogState
from hr_app.ui.components.cv_import import ImportCvsDialogState
from hr_app.ui.states.activity import ActivityState
from hr_app.ui.states.agenda import AgendaState
from hr_app.ui.states.cvs import CvsState
from hr_app.ui.states.dashboard import DashboardState
from hr_app.ui.states.interviews import InterviewsState
from tests.factories import create_cv
from tests.ui.conftest import drain

UI = Path(__file__).resolve().parents[2] / "hr_app" / "ui"
STATES = UI / "states"


class _CsvUpload:
    """What the upload handler reads from (rx.UploadFile's async read)."""

    def __init__(self, content: bytes) -> None:
        self._content = content

    async def read(self) -> bytes:
        return self._content


@pytest.fixture
def session_threads(monkeypatch) -> list[threading.Thread]:
    """The threads every unit of work of the app was opened in."""
    threads: list[threading.Thread] = []
    real_new_session = db_module.new_session

    def recording_new_session():
        threads.append(threading.current_thread())
        return real_new_session()

    monkeypatch.setattr(db_module, "new_session", recording_new_session)
    return threads


def _all_off_the_loop(threads: list[threading.Thread]) -> bool:
    return bool(threads) and all(thread is not threading.main_thread() for thread in threads)


def test_cv_handlers_read_and_write_in_a_worker_thread(make_state, db, org, hr_user, session_threads):
    cv = create_cv(db, org, name="Off Loop")
    state = make_state(CvsState, hr_user)
    drain(state.load())
    dialogs = {cls: state.get_substate([cls.get_name()]) for cls in (AddCvDialogState, ImportCvsDialogState)}
    drain(dialogs[AddCvDialogState].add_cv_with_document([], {"name": "Thread Person", "email": "thread@example.com"}))
    drain(dialogs[ImportCvsDialogState].import_csv([_CsvUpload(b"name,email\nCsv Person,csv@example.com\n")]))
    delete = state.get_substate([DeleteCvDialogState.get_name()])
    delete.ask_delete(str(cv.id), cv.name)
    drain(delete.delete_cv())
    assert sorted(row.name for row in state.page_rows) == ["Csv Person", "Thread Person"]
    assert _all_off_the_loop(session_threads)


@pytest.mark.parametrize("state_class", [DashboardState, InterviewsState, AgendaState])
def test_page_loads_read_in_a_worker_thread(make_state, hr_user, session_threads, state_class):
    state = make_state(state_class, hr_user)
    drain(state.load())
    assert state.loaded
    assert _all_off_the_loop(session_threads)


def test_week_steps_read_in_a_worker_thread(make_state, hr_user, session_threads):
    state = make_state(AgendaState, hr_user)
    drain(state.load())
    shown = state.week_start
    drain(state.next_week())
    drain(state.previous_week())
    assert state.week_start == shown
    assert _all_off_the_loop(session_threads)


def test_activity_reads_in_a_worker_thread(make_state, hr_user, session_threads):
    state = make_state(ActivityState, hr_user)
    drain(state.load_interview())
    drain(state.download_invite())
    assert _all_off_the_loop(session_threads)


@pytest.mark.parametrize(
    "module", ["auth", "login", "cvs", "interviews", "agenda", "dashboard", "activity", "panel_results", "outbox"]
)
def test_no_state_opens_a_session_on_the_loop(module):
    assert "session_scope" not in (STATES / f"{module}.py").read_text()


# What opens a unit of work or touches the engine; a state method may only hand work that uses them to a thread.
_DATABASE_NAMES = frozenset({"session_scope", "new_session", "get_engine", "db"})


def _own_body_names(method: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """Names a method's own body uses, not counting nested functions and lambdas (they run where they are sent)."""
    names: set[str] = set()
    pending: list[ast.AST] = list(method.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            continue
        if isinstance(node, ast.Name):
            names.add(node.id)
        pending.extend(ast.iter_child_nodes(node))
    return names


def _methods_on_the_loop() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in sorted(UI.rglob("*.py")):
        for cls in (node for node in ast.walk(ast.parse(path.read_text())) if isinstance(node, ast.ClassDef)):
            for method in cls.body:
                if isinstance(method, ast.FunctionDef | ast.AsyncFunctionDef):
                    found[f"{path.relative_to(UI)}:{cls.name}.{method.name}"] = _own_body_names(method)
    return found


def test_no_ui_class_method_opens_a_session_itself():
    """Every state and substate of hr_app/ui (pages, components, live) reaches the database only through a thread."""
    methods = _methods_on_the_loop()
    assert "states/panel_results.py:PanelResultsState.export_results" in methods  # the scan sees the states
    offenders = {name: sorted(used & _DATABASE_NAMES) for name, used in methods.items() if used & _DATABASE_NAMES}
    assert offenders == {}


def test_the_scan_catches_a_session_opened_in_a_handler():
    source = "class S:\n    def handler(self):\n        with session_scope() as s:\n            pass\n"
    method = ast.parse(source).body[0].body[0]
    assert _own_body_names(method) & _DATABASE_NAMES == {"session_scope"}
    nested = "class S:\n    async def handler(self):\n        await self._as_actor(lambda s, a: db.x(s))\n"
    assert _own_body_names(ast.parse(nested).body[0].body[0]) & _DATABASE_NAMES == set()
