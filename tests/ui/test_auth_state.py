"""Sign-in and the login guard: their database and bcrypt work runs in a worker thread, never on the loop."""

from __future__ import annotations

import threading

import pytest

from hr_app.services import auth
from hr_app.ui.states.auth import AuthState
from hr_app.ui.states.login import LoginState
from tests.factories import PASSWORD
from tests.ui.conftest import drain


def _handler(event) -> str:
    return event.handler.fn.__qualname__


@pytest.fixture
def login_threads(monkeypatch) -> list[threading.Thread]:
    """The threads `auth.login` (the bcrypt check) ran in."""
    threads: list[threading.Thread] = []
    real_login = auth.login

    def recording_login(*args, **kwargs):
        threads.append(threading.current_thread())
        return real_login(*args, **kwargs)

    monkeypatch.setattr(auth, "login", recording_login)
    return threads


def test_sign_in_checks_the_password_off_the_loop(make_state, hr_user, login_threads):
    state = make_state(LoginState)
    events = drain(state.submit({"email": hr_user.email, "password": PASSWORD}))
    assert state.auth_token and not state.submitting and state.error == ""
    assert _handler(events[-1]) == "_redirect"
    assert login_threads and all(thread is not threading.main_thread() for thread in login_threads)


def test_a_wrong_password_is_said_and_signs_nobody_in(make_state, hr_user, login_threads):
    state = make_state(LoginState)
    drain(state.submit({"email": hr_user.email, "password": "not the password"}))
    assert state.auth_token == "" and not state.submitting
    assert state.error or state.password_error


def test_require_login_fills_the_shell_and_a_bad_token_goes_to_login(make_state, hr_user, org):
    state = make_state(AuthState, hr_user)
    state.user_name = state.organization_name = ""
    assert drain(state.require_login()) == []
    assert (state.user_name, state.user_email, state.organization_name) == (hr_user.full_name, hr_user.email, org.name)

    state.auth_token = "not-a-token"
    [redirect] = drain(state.require_login())
    assert _handler(redirect) == "_redirect" and state.user_id == 0 and state.auth_token == ""


def test_a_signed_in_visitor_of_the_login_page_is_sent_on(make_state, hr_user):
    state = make_state(LoginState, hr_user)
    [redirect] = drain(state.redirect_if_signed_in())
    assert _handler(redirect) == "_redirect" and state.auth_token

    state.auth_token = "not-a-token"
    [ask_zone] = drain(state.redirect_if_signed_in())
    assert _handler(ask_zone) == "_call_script" and state.auth_token == ""


def test_helpers_that_are_not_events_cannot_be_called_from_a_browser():
    for name in ("actor", "_actor", "handle_domain_error", "detect_timezone", "_as_actor", "_remember", "_forget"):
        assert name not in AuthState.event_handlers
    assert {"require_login", "logout", "set_tz_offset"} <= set(AuthState.event_handlers)
