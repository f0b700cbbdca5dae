"""The sign-in `next=` follows only a path of the app's own pages (LoginState redirects through safe_next)."""

from __future__ import annotations

import pytest

from hr_app.ui.routes import HOME, safe_next


@pytest.mark.parametrize(
    "target",
    ["/", "/cvs", "/cvs?page=2&status=new", "/interviews/3f2c-41aa", "/panels/new", "/panels/abc", "/questions"],
)
def test_an_app_path_is_followed(target: str) -> None:
    assert safe_next(target) == target


@pytest.mark.parametrize(
    "target",
    [
        None,
        "",
        "/\\evil.example",
        "/\\/evil.example",
        "\\\\evil.example",
        "/cvs\\..\\x",
        "//evil.example",
        "https://evil.example/cvs",
        "javascript:alert(1)",
        "/login",
        "/login?next=/cvs",
        "/not-a-page",
        "/cvs/../../etc",
        "/interviews/a/b",
        "/cvs\n",
        "/cvs?x=<script>",
        "cvs",
    ],
)
def test_anything_else_goes_home(target: str | None) -> None:
    assert safe_next(target) == HOME


def test_the_team_pages_are_followed_after_sign_in():
    from hr_app.ui import routes

    for page in (routes.USERS, routes.JOB_TITLES, routes.SETTINGS, routes.ACCOUNT):
        assert routes.safe_next(page) == page
    assert routes.safe_next(routes.SETUP) == routes.HOME
