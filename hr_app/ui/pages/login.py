"""/login"""

from __future__ import annotations

import reflex as rx

from hr_app.ui import routes
from hr_app.ui.components.widgets import describe_with_error, field_error, field_label
from hr_app.ui.states.login import LoginState


def _field(label: str, name: str, kind: str, error: rx.Var, autocomplete: str, **props: object) -> rx.Component:
    control = rx.input(
        id=name,
        name=name,
        type=kind,
        auto_complete=autocomplete,
        size="3",
        width="100%",
        required=True,
        **props,
    )
    return rx.vstack(
        field_label(label, name),
        describe_with_error(control, error, f"{name}-error"),
        field_error(error, f"{name}-error"),
        spacing="1",
        width="100%",
    )


def login_page() -> rx.Component:
    return rx.center(
        rx.card(
            rx.form(
                rx.vstack(
                    rx.hstack(
                        rx.icon("briefcase-business", size=28, color=rx.color("accent", 10)),
                        rx.heading("Sign in to hr_app", size="6"),
                        align="center",
                    ),
                    rx.text("Run interviews, score candidates, and watch the board live.", color_scheme="gray"),
                    rx.cond(
                        LoginState.error != "",
                        rx.callout(
                            LoginState.error,
                            icon="triangle-alert",
                            color_scheme="red",
                            id="login-error",
                            width="100%",
                            role="alert",
                        ),
                    ),
                    _field("E-mail", "email", "email", LoginState.email_error, "username", auto_focus=True),
                    _field("Password", "password", "password", LoginState.password_error, "current-password"),
                    rx.button(
                        rx.cond(LoginState.submitting, rx.spinner(size="2"), rx.icon("log-in", size=16)),
                        "Sign in",
                        type="submit",
                        size="3",
                        width="100%",
                        id="login-submit",
                        disabled=LoginState.submitting,
                    ),
                    rx.link("Forgotten your password?", href=routes.FORGOT_PASSWORD, size="2", id="forgot-link"),
                    spacing="4",
                    width="100%",
                ),
                on_submit=LoginState.submit,
                reset_on_submit=False,
                width="100%",
            ),
            size="4",
            width="26rem",
            max_width="calc(100vw - 2rem)",
        ),
        min_height="100vh",
        background=rx.color("gray", 2),
    )
