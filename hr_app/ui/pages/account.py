"""/account, /settings, and the public /forgot-password, /accept-invite/[token], /reset-password/[token]."""

from __future__ import annotations

import reflex as rx

from hr_app.ui import routes
from hr_app.ui.components.layout import workspace
from hr_app.ui.components.widgets import field_label
from hr_app.ui.pages.team import labelled_input
from hr_app.ui.states.account import RESET_SENT, AccountState, ForgotState, LinkState, SettingsState, SetupState


def account_page() -> rx.Component:
    return workspace(
        "Your account",
        rx.card(
            rx.form(
                rx.vstack(
                    rx.heading("Name and job role", size="4"),
                    labelled_input(
                        "First name", "first_name", default_value=AccountState.first_name, key=AccountState.first_name
                    ),
                    labelled_input(
                        "Last name", "last_name", default_value=AccountState.last_name, key=AccountState.last_name
                    ),
                    labelled_input(
                        "Job role", "job_role", default_value=AccountState.job_role, key=AccountState.job_role
                    ),
                    rx.button("Save", type="submit", id="account-save"),
                    spacing="3",
                ),
                on_submit=AccountState.save,
                reset_on_submit=False,
            ),
            margin_bottom="1rem",
            max_width="32rem",
        ),
        rx.card(
            rx.form(
                rx.vstack(
                    rx.heading("Change password", size="4"),
                    labelled_input(
                        "Current password", "current_password", type="password", auto_complete="current-password"
                    ),
                    labelled_input(
                        "New password (at least 12 characters)",
                        "new_password",
                        type="password",
                        auto_complete="new-password",
                    ),
                    rx.cond(
                        AccountState.password_error != "",
                        rx.text(AccountState.password_error, color_scheme="red", role="alert", id="password-error"),
                    ),
                    rx.button("Change password", type="submit", id="password-submit"),
                    spacing="3",
                ),
                on_submit=AccountState.change_password,
                reset_on_submit=False,
            ),
            max_width="32rem",
        ),
    )


def _setting(label: str, name: str, **props: object) -> rx.Component:
    return labelled_input(
        label, name, default_value=SettingsState.values[name], key=SettingsState.values[name], **props
    )


def settings_page() -> rx.Component:
    return workspace(
        "Organization settings",
        rx.card(
            rx.form(
                rx.vstack(
                    _setting("Name", "name"),
                    _setting("Time zone (IANA, e.g. Asia/Kolkata)", "time_zone"),
                    _setting("Interview length (minutes)", "interview_minutes", type="number"),
                    _setting("Clash window (minutes)", "clash_window_minutes", type="number"),
                    _setting("Default panel pass mark (%)", "panel_pass_mark", type="number"),
                    _setting("Sender name for e-mail", "sender_name"),
                    rx.hstack(
                        rx.switch(
                            id="decision_messages",
                            aria_labelledby="decision_messages-label",
                            name="decision_messages",
                            checked=SettingsState.decision_messages,
                            on_change=SettingsState.set_decision_messages,
                        ),
                        field_label("Send decision messages to candidates", "decision_messages", weight="regular"),
                        align="center",
                    ),
                    rx.cond(
                        SettingsState.error != "",
                        rx.text(SettingsState.error, color_scheme="red", role="alert", id="settings-error"),
                    ),
                    rx.button("Save settings", type="submit", id="settings-save"),
                    spacing="3",
                ),
                on_submit=SettingsState.save,
                reset_on_submit=False,
            ),
            max_width="32rem",
        ),
    )


def _public_card(title: str, *children: rx.Component) -> rx.Component:
    return rx.center(
        rx.card(
            rx.vstack(rx.heading(title, size="6"), *children, spacing="4", width="100%"),
            size="4",
            width="26rem",
            max_width="calc(100vw - 2rem)",
        ),
        min_height="100vh",
        background=rx.color("gray", 2),
        as_="main",
    )


def forgot_password_page() -> rx.Component:
    return _public_card(
        "Forgotten password",
        rx.cond(
            ForgotState.sent,
            rx.callout(RESET_SENT, icon="mail", id="reset-sent"),
            rx.form(
                rx.vstack(
                    labelled_input("E-mail", "email", type="email", required=True, auto_complete="username"),
                    rx.cond(
                        ForgotState.error != "",
                        rx.text(ForgotState.error, color_scheme="red", role="alert", id="forgot-error"),
                    ),
                    rx.button("Send me a reset link", type="submit", id="forgot-submit", width="100%"),
                    spacing="3",
                    width="100%",
                ),
                on_submit=ForgotState.submit,
                width="100%",
            ),
        ),
        rx.link("Back to sign in", href=routes.LOGIN),
    )


def _choose_password(title: str, button: str) -> rx.Component:
    return _public_card(
        title,
        rx.form(
            rx.vstack(
                labelled_input(
                    "New password (at least 12 characters)",
                    "password",
                    type="password",
                    required=True,
                    auto_complete="new-password",
                ),
                rx.cond(
                    LinkState.error != "", rx.text(LinkState.error, color_scheme="red", role="alert", id="link-error")
                ),
                rx.button(button, type="submit", id="link-submit", width="100%"),
                spacing="3",
                width="100%",
            ),
            on_submit=LinkState.submit,
            reset_on_submit=False,
            width="100%",
        ),
    )


def accept_invite_page() -> rx.Component:
    return _choose_password("Welcome to hr_app", "Choose password and continue")


def reset_password_page() -> rx.Component:
    return _choose_password("Choose a new password", "Change password")


def _setup_field(label: str, name: str, **props: object) -> rx.Component:
    error = rx.cond(SetupState.errors.contains(name), SetupState.errors[name], "")
    return labelled_input(label, name, error, required=True, **props)


def setup_page() -> rx.Component:
    return _public_card(
        "Set up hr_app",
        rx.text("Create your organization and its first admin. This page closes once it exists.", color_scheme="gray"),
        rx.form(
            rx.vstack(
                _setup_field("Organization name", "organization_name"),
                _setup_field("Your e-mail", "email", type="email", auto_complete="username"),
                _setup_field("First name", "first_name"),
                _setup_field("Last name", "last_name"),
                _setup_field(
                    "Password (at least 12 characters)", "password", type="password", auto_complete="new-password"
                ),
                rx.cond(
                    SetupState.errors.contains("non_field_errors"),
                    rx.text(SetupState.errors["non_field_errors"], color_scheme="red", role="alert", id="setup-error"),
                ),
                rx.button("Create organization", type="submit", id="setup-submit", width="100%"),
                spacing="3",
                width="100%",
            ),
            on_submit=SetupState.submit,
            reset_on_submit=False,
            width="100%",
        ),
    )
