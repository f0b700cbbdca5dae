"""Small states: no state class of the CVs, interviews, agenda, dashboard, activity or sign-in pages, nor of
the CVs page's dialogs, grows past 250 lines (a dialog becomes a substate next to its component)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

UI = Path(__file__).resolve().parents[2] / "hr_app" / "ui"
MAX_LINES = 250
MODULES = [
    *(f"states/{name}.py" for name in ("auth", "login", "cvs", "interviews", "agenda", "dashboard", "activity")),
    *(f"components/cv_{name}.py" for name in ("add", "import", "start", "delete", "bulk")),
]


def _class_lengths(path: Path) -> dict[str, int]:
    tree = ast.parse(path.read_text())
    return {
        node.name: (node.end_lineno or node.lineno) - node.lineno + 1
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
    }


@pytest.mark.parametrize("module", MODULES)
def test_no_state_class_is_over_250_lines(module):
    too_long = {name: lines for name, lines in _class_lengths(UI / module).items() if lines > MAX_LINES}
    assert too_long == {}
