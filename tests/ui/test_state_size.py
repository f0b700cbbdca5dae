"""Small states: no Reflex state class of hr_app (page states, dialog substates, mixins) grows past 250 lines.

A page's dialog becomes a substate next to its component (see hr_app/ui/components/cv_*.py). The classes are
found by inspection, not listed by hand, so a new state is held to the same rule.
"""

from __future__ import annotations

import inspect

import reflex as rx

import hr_app.hr_app  # noqa: F401  (imports every page, component and state of the app)

MAX_LINES = 250


def app_state_classes() -> list[type[rx.State]]:
    """Every subclass of rx.State defined in hr_app, however deep."""
    seen: set[type] = set()
    pending: list[type] = [rx.State]
    while pending:
        for sub in pending.pop().__subclasses__():
            if sub not in seen:
                seen.add(sub)
                pending.append(sub)
    return sorted((cls for cls in seen if cls.__module__.startswith("hr_app.")), key=lambda cls: cls.__qualname__)


def _lines(cls: type) -> int:
    return len(inspect.getsourcelines(cls)[0])


def test_the_scan_finds_page_states_dialog_substates_and_mixins():
    names = {cls.__name__ for cls in app_state_classes()}
    assert {"AuthState", "CvsState", "AddCvDialogState", "BulkRun", "InterviewState", "StatusDialogState"} <= names
    assert len(names) >= 30


def test_no_state_class_is_over_250_lines():
    too_long = {cls.__qualname__: _lines(cls) for cls in app_state_classes() if _lines(cls) > MAX_LINES}
    assert too_long == {}
