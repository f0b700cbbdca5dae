"""The Reflex internals the live layer touches (hr_app/ui/live/reflex_adapter.py): a Reflex upgrade that changes
one of them fails here, loudly, instead of silently stopping the live pushes."""

from __future__ import annotations

import dataclasses
import inspect

import reflex as rx
from reflex.utils.token_manager import TokenManager


def _parameters(function) -> list[str]:
    return list(inspect.signature(function).parameters)


def test_app_modify_state_takes_a_token():
    assert _parameters(rx.App.modify_state)[:2] == ["self", "token"]
    assert inspect.isfunction(rx.App.modify_state)


def test_base_state_token_has_ident_and_cls():
    fields = {field.name for field in dataclasses.fields(rx.BaseStateToken)}
    assert {"ident", "cls"} <= fields
    token = rx.BaseStateToken(ident="tab", cls=rx.State)
    assert (token.ident, token.cls) == ("tab", rx.State)


def test_token_manager_says_whether_a_token_is_connected():
    assert inspect.iscoroutinefunction(TokenManager.is_token_connected)
    assert _parameters(TokenManager.is_token_connected) == ["self", "token"]


def test_event_namespace_holds_its_token_manager():
    from reflex.app import EventNamespace

    assert "_token_manager" in inspect.getsource(EventNamespace.__init__)
    assert "event_namespace" in {field.name for field in dataclasses.fields(rx.App)} or hasattr(
        rx.App, "event_namespace"
    )


def test_lifespan_tasks_and_substates():
    assert _parameters(rx.App.register_lifespan_task)[:2] == ["self", "task"]
    assert inspect.iscoroutinefunction(rx.State.get_state)
    assert _parameters(rx.State.get_state) == ["self", "state_cls"]


def test_a_state_knows_its_client_token():
    assert "client_token" in {field.name for field in dataclasses.fields(rx.state.SessionData)}


def test_the_state_manager_reads_a_tab_by_token():
    from reflex.istate.manager import StateManager

    assert inspect.iscoroutinefunction(StateManager.get_state)
    assert _parameters(StateManager.get_state) == ["self", "token"]


def test_the_token_manager_knows_which_sockets_this_worker_holds():
    """`holds_socket`: the token manager's socket records by token, each with its worker's instance id."""
    from reflex.utils.token_manager import LocalTokenManager, SocketRecord

    from hr_app.ui.live import reflex_adapter

    manager = LocalTokenManager()
    assert {field.name for field in dataclasses.fields(SocketRecord)} == {"instance_id", "sid"}
    manager.token_to_socket["mine"] = SocketRecord(instance_id=manager.instance_id, sid="s1")
    manager.token_to_socket["theirs"] = SocketRecord(instance_id="another worker", sid="s2")
    app = type("App", (), {"event_namespace": type("Namespace", (), {"_token_manager": manager})()})()
    assert [reflex_adapter.holds_socket(app, token) for token in ("mine", "theirs", "none")] == [True, False, False]
