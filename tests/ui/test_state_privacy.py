"""Every public method of a state is an event a page binds; every other helper is `_private`.

Reflex turns each public method of a state into an event handler that any websocket client may call by name, with
arguments of its choosing. So a public name must be an event the app's own pages (or handlers, as a callback, or
the page's on_load) bind, and a helper must start with `_`, which Reflex never registers as an event.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import reflex as rx
from reflex.vars.base import Var

from hr_app.ui.states.auth import AuthState
from tests.ui.test_state_size import app_state_classes

HR_APP = Path(__file__).resolve().parents[2] / "hr_app"
REFLEX_OWN_EVENTS = frozenset({*rx.State.event_handlers, "setvar"})  # Reflex adds these to every state


def _own_public_names(cls: type) -> Iterator[str]:
    yield from (name for name in vars(cls) if not name.startswith("_"))


def _scope_nodes(body: list[ast.stmt]) -> Iterator[ast.AST]:
    """The nodes of one scope: a nested function's body is its own scope (its defaults and decorators are not)."""
    pending: list[ast.AST] = list(body)
    while pending:
        node = pending.pop()
        yield node
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            pending.extend(ast.iter_child_nodes(node.args))
            pending.extend(getattr(node, "decorator_list", []))
            if isinstance(node, ast.Lambda):
                pending.append(node.body)
            continue
        pending.extend(ast.iter_child_nodes(node))


def _bound_names() -> set[tuple[str, str]]:
    """(state class name, attribute) for every `SomeState.name` in hr_app, also through an alias `S = SomeState`
    (module-wide, or in the function that assigns it)."""
    classes = {cls.__name__ for cls in app_state_classes()}
    found: set[tuple[str, str]] = set()

    def scan(body: list[ast.stmt], outer: dict[str, str]) -> None:
        aliases = dict(outer)
        nodes = list(_scope_nodes(body))
        for node in nodes:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Name) and node.value.id in classes:
                targets = (target.id for target in node.targets if isinstance(target, ast.Name))
                aliases.update({target: node.value.id for target in targets})
        for node in nodes:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                scan(node.body, aliases)
            elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases:
                found.add((aliases[node.value.id], node.attr))

    for path in HR_APP.rglob("*.py"):
        scan(ast.parse(path.read_text()).body, {name: name for name in classes})
    return found


def _is_bound(cls: type, name: str, bound: set[tuple[str, str]], by_name: dict[str, type]) -> bool:
    """A page binds the event on this class or on a subclass that inherits it (a dialog substate, a mixin's user)."""
    return any(attr == name and issubclass(by_name[owner], cls) for owner, attr in bound)


def _is_mixin_event(cls: type, name: str, classes: list[type]) -> bool:
    """A mixin's handler is registered on each state that mixes it in."""
    return bool(getattr(cls, "_mixin", False)) and any(
        name in sub.event_handlers for sub in classes if sub is not cls and issubclass(sub, cls)
    )


def test_every_public_state_method_is_an_event_a_page_binds():
    classes = app_state_classes()
    by_name = {cls.__name__: cls for cls in classes}
    bound = _bound_names()
    public: dict[str, str] = {}
    for cls in classes:
        for name in _own_public_names(cls):
            if name in REFLEX_OWN_EVENTS:
                continue
            if name in cls.event_handlers or _is_mixin_event(cls, name, classes):
                public[f"{cls.__name__}.{name}"] = "event" if _is_bound(cls, name, bound, by_name) else "unbound event"
            elif isinstance(getattr(cls, name), Var) or name in cls.computed_vars:
                public[f"{cls.__name__}.{name}"] = "var"
            elif callable(vars(cls)[name]) or isinstance(vars(cls)[name], classmethod | staticmethod | property):
                public[f"{cls.__name__}.{name}"] = "public helper"
    assert "CvsState.set_search" in public and "InterviewState.loaded" in public  # the scan sees events and vars
    assert {name: kind for name, kind in public.items() if kind not in ("event", "var")} == {}


def test_the_scan_sees_a_binding_through_an_alias_and_an_unbound_handler():
    bound = _bound_names()
    assert ("PanelFormState", "create") in bound  # F = PanelFormState; on_submit=F.create
    assert ("CvsState", "_reload") not in bound
    assert "_reload" not in rx.State.event_handlers and "_reload" not in app_state_classes()[0].event_handlers


def test_setvar_reaches_no_var_without_a_declared_setter():
    """Reflex's own `setvar(name, value)` event calls `set_<name>`: with auto-setters off (Reflex's default, not
    overridden in rxconfig.py) only the setters a state declares, each an event the test above holds to a page."""
    for cls in app_state_classes():
        for var in cls.base_vars:
            setter = f"set_{var}"
            if hasattr(cls, setter) and setter not in REFLEX_OWN_EVENTS:
                assert setter in cls.event_handlers or _is_mixin_event(cls, setter, app_state_classes()), setter
    identity = ("auth_token", "user_id", "user_name", "user_email", "user_role", "organization_name")
    assert not [var for var in identity if hasattr(AuthState, f"set_{var}")]
