"""The signed-in user. Imports nothing else from the UI; page states build on it."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import quote

import reflex as rx
from sqlmodel import Session

from hr_app.kit.errors import DomainError, Unauthorized
from hr_app.models import AppUser, Role
from hr_app.services import auth
from hr_app.ui import routes
from hr_app.ui.offloop import in_unit_of_work

T = TypeVar("T")


@dataclass(frozen=True)
class SignedIn:
    """What the shell shows about the signed-in user, read in the worker thread."""

    user_id: int
    name: str
    email: str
    role: str
    organization_name: str
    time_zone: str = ""  # the organization's IANA zone: every date shown follows it (issue 16)


def signed_in(session: Session, user: AppUser) -> SignedIn:
    organization = auth.organization_of(session, user)
    return SignedIn(
        user_id=user.id or 0,
        name=user.full_name,
        email=user.email,
        role=user.role,
        organization_name=organization.name if organization else "",
        time_zone=organization.time_zone if organization else "",
    )


class AuthState(rx.State):
    """Holds the access token (browser storage) and what the shell shows about the user."""

    auth_token: str = rx.LocalStorage("", name="hr_app_token", sync=True)
    user_id: int = 0
    user_name: str = ""
    user_email: str = ""
    user_role: str = ""
    organization_name: str = ""
    # The browser's offset from UTC in minutes, as JavaScript's getTimezoneOffset() gives it: the fallback
    # until the organization's zone is known.
    tz_offset_value: str = rx.LocalStorage("", name="hr_app_tz", sync=True)
    time_zone: str = ""  # the organization's IANA zone, read at sign-in and on every page load

    @rx.var
    def is_authenticated(self) -> bool:
        return self.user_id > 0

    @rx.var
    def can_manage(self) -> bool:
        """Admins and HR may change statuses, delete, and manage panels and the bank."""
        return self.user_role in (Role.ADMIN, Role.HR)

    @rx.var
    def user_initials(self) -> str:
        return "".join(part[0] for part in self.user_name.split()[:2]).upper()

    @rx.var
    def tz_offset(self) -> str:
        """Where this tab shows times (a `format.Zone`): the organization's zone, else the browser's offset.

        A zone name rather than today's offset, so a date across a daylight-saving change shows its own wall clock.
        """
        return self.time_zone or self.tz_offset_value or "0"

    @rx.event
    def set_tz_offset(self, value: int | str) -> None:
        self._store_tz_offset(value)

    def _store_tz_offset(self, value: int | str) -> None:
        try:
            self.tz_offset_value = str(int(value))
        except (TypeError, ValueError):
            self.tz_offset_value = "0"

    def _detect_timezone(self) -> rx.event.EventSpec:
        """Ask the browser for its UTC offset (times are stored in UTC and shown in the user's zone)."""
        return rx.call_script("new Date().getTimezoneOffset()", callback=AuthState.set_tz_offset)

    async def _as_actor(self, work: Callable[[Session, AppUser], T]) -> T:
        """Run `work(session, user)` off the event loop in one unit of work, as the signed-in user.

        The token is read here, on the loop; the user is re-checked from it in the thread (never trusted
        from state). `work` must not touch `self`: return plain data and assign it after the await.
        """
        token = self.auth_token
        return await in_unit_of_work(lambda session: work(session, auth.user_from_token(session, token)))

    def _remember(self, user: SignedIn) -> None:
        self.user_id = user.user_id
        self.user_name = user.name
        self.user_email = user.email
        self.user_role = user.role
        self.organization_name = user.organization_name
        self.time_zone = user.time_zone

    def _forget(self) -> None:
        self.auth_token = ""
        self.user_id = 0
        self.user_name = self.user_email = self.user_role = self.organization_name = ""

    def _login_redirect(self) -> rx.event.EventSpec:
        here = self.router.url.path.rstrip("/") or routes.HOME  # the static export serves "/cvs/" as well
        return rx.redirect(f"{routes.LOGIN}?next={quote(here)}")

    @rx.event
    async def require_login(self) -> rx.event.EventSpec | None:
        """on_load guard of every workspace page."""
        try:
            user = await self._as_actor(signed_in)
        except Unauthorized:
            self._forget()
            return self._login_redirect()
        self._remember(user)
        return None

    @rx.event
    async def logout(self) -> rx.event.EventSpec:
        """Ends every token of this user (the API's too), then forgets this tab's."""
        if self.auth_token:
            with contextlib.suppress(DomainError):
                await self._as_actor(lambda session, user: auth.logout(session, actor=user))
        self._forget()
        return rx.redirect(routes.LOGIN)

    def _handle_domain_error(self, error: DomainError) -> rx.event.EventSpec | None:
        """Shared reaction of page handlers: a lost session goes to login, anything else is a toast."""
        if isinstance(error, Unauthorized):
            self._forget()
            return self._login_redirect()
        return rx.toast.error(error.message)
