"""The login form."""

from __future__ import annotations

from collections.abc import AsyncIterator

import reflex as rx
from sqlmodel import Session

from hr_app.kit.errors import DomainError, Invalid
from hr_app.models import AppUser
from hr_app.services import auth
from hr_app.ui import routes
from hr_app.ui.client_address import client_address
from hr_app.ui.offloop import in_unit_of_work
from hr_app.ui.states.auth import AuthState


def _still_valid(session: Session, user: AppUser) -> None:
    """Nothing to read: `_as_actor` has already re-checked the token's user."""


class LoginState(AuthState):
    error: str = ""
    email_error: str = ""
    password_error: str = ""
    submitting: bool = False

    @rx.event
    async def redirect_if_signed_in(self) -> rx.event.EventSpec | None:
        if not self.auth_token:
            return self._detect_timezone()
        try:
            await self._as_actor(_still_valid)
        except DomainError:
            self.auth_token = ""
            return self._detect_timezone()
        return self._redirect_next()

    @rx.event
    async def submit(self, form_data: dict[str, str]) -> AsyncIterator[rx.event.EventSpec | None]:
        self.error = self.email_error = self.password_error = ""
        self.submitting = True
        yield
        email, password = form_data.get("email", ""), form_data.get("password", "")
        client = client_address(self)
        try:
            issued = await in_unit_of_work(
                lambda session: auth.login(session, email=email, password=password, client=client)
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
        yield self._redirect_next()

    def _redirect_next(self) -> rx.event.EventSpec:
        return rx.redirect(routes.safe_next(self.router.url.query_parameters.get("next")))
