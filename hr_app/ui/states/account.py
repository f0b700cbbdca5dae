"""Own account, organization settings, and the public account pages (forgotten password, one-time links)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from hr_app.kit.errors import DomainError
from hr_app.services import organization, team
from hr_app.ui import routes
from hr_app.ui.client_address import client_address
from hr_app.ui.offloop import in_unit_of_work
from hr_app.ui.states.auth import AuthState
from hr_app.ui.states.team import _reason

RESET_SENT = "If an active account uses this address, a password reset link is on its way. It works for one hour."


class AccountState(AuthState):
    first_name: str = ""
    last_name: str = ""
    job_role: str = ""
    message: str = ""
    password_error: str = ""

    @rx.event
    async def load(self) -> None:
        names = await self._as_actor(lambda s, a: (a.first_name, a.last_name, a.job_role))
        self.first_name, self.last_name, self.job_role = names
        self.message = self.password_error = ""

    @rx.event
    async def save(self, form: dict[str, str]) -> rx.event.EventSpec:
        changes = {key: form.get(key, "") for key in ("first_name", "last_name", "job_role")}
        try:
            await self._as_actor(lambda s, a: team.update_user(s, actor=a, user_id=a.id, changes=changes))
        except DomainError as error:
            return rx.toast.error(_reason(error), id="account-error")
        self.first_name, self.last_name, self.job_role = (changes[k].strip() for k in changes)
        self.user_name = f"{self.first_name} {self.last_name}".strip()
        return rx.toast.success("Saved")

    @rx.event
    async def change_password(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        current, new = form.get("current_password", ""), form.get("new_password", "")
        try:
            await self._as_actor(
                lambda s, a: team.change_password(s, actor=a, current_password=current, new_password=new)
            )
        except DomainError as error:
            self.password_error = _reason(error)
            return None
        self._forget()  # every session ended, this one too
        return rx.redirect(routes.LOGIN)


SETTING_FIELDS = ("name", "time_zone", "interview_minutes", "clash_window_minutes", "panel_pass_mark", "sender_name")


class SettingsState(AuthState):
    values: dict[str, str] = {}
    decision_messages: bool = False
    error: str = ""

    @rx.event
    async def load(self) -> None:
        org = await self._as_actor(lambda s, a: organization.get_organization(s, actor=a).model_dump())
        self.values = {field: str(org[field]) for field in SETTING_FIELDS}
        self.decision_messages = bool(org["decision_messages"])
        self.error = ""

    @rx.event
    def set_decision_messages(self, value: bool) -> None:
        self.decision_messages = value

    @rx.event
    async def save(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        changes: dict[str, Any] = {field: form.get(field, "") for field in SETTING_FIELDS}
        for field in organization.RANGES:
            text = str(changes[field]).strip()
            changes[field] = int(text) if text.lstrip("-").isdigit() else text
        changes["decision_messages"] = self.decision_messages
        try:
            await self._as_actor(lambda s, a: organization.update_organization(s, actor=a, changes=changes))
        except DomainError as error:
            self.error = _reason(error)
            return None
        self.error = ""
        self.values = {field: str(changes[field]).strip() for field in SETTING_FIELDS}
        self.organization_name = self.values["name"]
        self.time_zone = self.values["time_zone"]
        return rx.toast.success("Settings saved")


class ForgotState(AuthState):
    sent: bool = False
    error: str = ""

    @rx.event
    async def submit(self, form: dict[str, str]) -> None:
        email, client = form.get("email", ""), client_address(self)
        try:
            await in_unit_of_work(lambda s: team.request_reset(s, email=email, client=client))
        except DomainError as error:
            self.error = error.message
            return
        self.sent, self.error = True, ""


class LinkState(AuthState):
    """/accept-invite/[token] and /reset-password/[token]: choose a password from a one-time link."""

    error: str = ""
    done: bool = False

    @rx.event
    async def submit(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        path = self.router.url.path.rstrip("/")
        token, password = path.rsplit("/", 1)[-1], form.get("password", "")
        accept = path.startswith(routes.ACCEPT_INVITE_PREFIX)
        confirm = team.accept_invite if accept else team.confirm_reset
        try:
            await in_unit_of_work(lambda s: confirm(s, token=token, password=password))
        except DomainError as error:
            self.error = _reason(error)
            return None
        self.error, self.done = "", True
        return rx.redirect(f"{routes.LOGIN}?next=/")


class SetupState(AuthState):
    """/setup: the first organization and its admin, only while the database holds none."""

    errors: dict[str, str] = {}

    @rx.event
    async def load(self) -> rx.event.EventSpec | None:
        if not await in_unit_of_work(team.needs_setup):
            return rx.redirect(routes.LOGIN)
        return None

    @rx.event
    async def submit(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        fields = {key: form.get(key, "") for key in SETUP_FIELDS}
        try:
            await in_unit_of_work(lambda s: team.first_run(s, **fields))
        except DomainError as error:
            self.errors = {key: " ".join(problems) for key, problems in error.field_errors.items()}
            return None
        self.errors = {}
        return rx.redirect(routes.LOGIN)


SETUP_FIELDS = ("organization_name", "email", "first_name", "last_name", "password")
