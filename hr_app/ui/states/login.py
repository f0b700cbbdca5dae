"""The login form."""

from __future__ import annotations

import reflex as rx

from hr_app.db import session_scope
from hr_app.kit.errors import DomainError, Invalid
from hr_app.services import auth
from hr_app.ui import routes
from hr_app.ui.states.auth import AuthState


class LoginState(AuthState):
    error: str = ""
    email_error: str = ""
    password_error: str = ""
    submitting: bool = False

    @rx.event
    def redirect_if_signed_in(self) -> rx.event.EventSpec | None:
        if not self.auth_token:
            return self.detect_timezone()
        try:
            with session_scope() as session:
                self.actor(session)
        except DomainError:
            self.auth_token = ""
            return self.detect_timezone()
        return rx.redirect(routes.safe_next(self.router.url.query_parameters.get("next")))

    @rx.event
    def submit(self, form_data: dict[str, str]):
        self.error = self.email_error = self.password_error = ""
        self.submitting = True
        yield
        try:
            with session_scope() as session:
                issued = auth.login(
                    session,
                    email=form_data.get("email", ""),
                    password=form_data.get("password", ""),
                    client=self.router.session.client_ip or "unknown",
                )
        except Invalid as error:
            fields = error.field_errors
            self.email_error = " ".join(fields.get("email", []))
            self.password_error = " ".join(fields.get("password", []))
            self.submitting = False
            return
        except DomainError as error:
            self.error = error.message
            self.submitting = False
            return
        self.auth_token = issued.access_token
        self.submitting = False
        yield rx.redirect(routes.safe_next(self.router.url.query_parameters.get("next")))
