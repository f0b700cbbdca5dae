"""The Reflex app: pages, and the JSON API mounted on the same backend."""

from __future__ import annotations

import reflex as rx

from hr_app.api.app import create_api
from hr_app.ui import routes
from hr_app.ui.pages.login import login_page
from hr_app.ui.pages.placeholders import home_page, placeholder
from hr_app.ui.states.auth import AuthState
from hr_app.ui.states.login import LoginState

app = rx.App(
    api_transformer=create_api(),
    head_components=[rx.el.meta(name="viewport", content="width=device-width, initial-scale=1")],
)

app.add_page(login_page, route=routes.LOGIN, title="Sign in · hr_app", on_load=LoginState.redirect_if_signed_in)
app.add_page(home_page, route=routes.HOME, title="Dashboard · hr_app", on_load=AuthState.require_login)

_PLACEHOLDERS = [
    (routes.CVS, "CVs", "file-user", "Add CVs or import a CSV to start interviewing."),
    (routes.ONGOING, "Ongoing interviews", "radio", "Interviews you start appear here live."),
    (routes.INTERVIEWS, "Interviews", "calendar-check", "Every interview, past and present, will be listed here."),
    (routes.PANELS, "Panels", "clipboard-list", "Create a panel to send candidates a question set."),
    (routes.QUESTIONS, "Question bank", "library", "Categories, topics and questions for panels."),
]
for route, title, icon, text in _PLACEHOLDERS:
    app.add_page(
        lambda title=title, icon=icon, text=text: placeholder(title, icon, text),
        route=route,
        title=f"{title} · hr_app",
        on_load=AuthState.require_login,
    )
