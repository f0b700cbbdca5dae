"""The Users page (admin manages; hr reads) and the Job titles page."""

from __future__ import annotations

from typing import Any

import reflex as rx
from pydantic import BaseModel
from sqlmodel import Session

from hr_app.kit.errors import DomainError
from hr_app.models import AppUser, Role
from hr_app.services import cvs, team
from hr_app.ui.states.auth import AuthState

ROLES = [role.value for role in Role]


class MemberRow(BaseModel):
    id: int
    name: str
    email: str
    job_role: str
    role: str
    status: str
    last_login: str


def _rows(session: Session, actor: AppUser) -> list[MemberRow]:
    return [
        MemberRow(
            id=user.id or 0,
            name=user.full_name,
            email=user.email,
            job_role=user.job_role,
            role=user.role,
            status=team.status_of(user),
            last_login=user.last_login_at.strftime("%Y-%m-%d %H:%M UTC") if user.last_login_at else "never",
        )
        for user in team.list_team(session, actor=actor)
    ]


def _reason(error: DomainError) -> str:
    if isinstance(error.details, dict):
        return " ".join(" ".join(problems) for problems in error.details.values())
    return error.details or error.message


class UsersState(AuthState):
    members: list[MemberRow] = []
    denied: str = ""
    invite_error: str = ""

    @rx.var
    def is_admin(self) -> bool:
        return self.user_role == Role.ADMIN.value

    @rx.event
    async def load(self) -> None:
        try:
            self.members = await self._as_actor(_rows)
            self.denied = ""
        except DomainError as error:
            self.members, self.denied = [], error.message

    async def _run(self, work: Any, done: str) -> rx.event.EventSpec:
        try:
            await self._as_actor(work)
        except DomainError as error:
            return rx.toast.error(_reason(error), id="users-error")
        self.members = await self._as_actor(_rows)
        return rx.toast.success(done)

    @rx.event
    async def invite(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        fields = {key: form.get(key, "") for key in ("email", "first_name", "last_name", "job_role")}
        fields["role"] = form.get("role") or Role.INTERVIEWER.value
        try:
            await self._as_actor(lambda session, actor: team.invite(session, actor=actor, **fields))
        except DomainError as error:
            self.invite_error = _reason(error)
            return None
        self.invite_error = ""
        self.members = await self._as_actor(_rows)
        return rx.toast.success(f"Invitation sent to {fields['email']}")

    @rx.event
    async def set_role(self, user_id: int, role: str) -> rx.event.EventSpec:
        return await self._run(
            lambda s, a: team.update_user(s, actor=a, user_id=user_id, changes={"role": role}), "Role changed"
        )

    @rx.event
    async def set_active(self, user_id: int, active: bool) -> rx.event.EventSpec:
        return await self._run(
            lambda s, a: team.update_user(s, actor=a, user_id=user_id, changes={"is_active": active}),
            "User reactivated" if active else "User deactivated",
        )

    @rx.event
    async def resend(self, user_id: int) -> rx.event.EventSpec:
        return await self._run(lambda s, a: team.resend_invite(s, actor=a, user_id=user_id), "Invitation sent again")

    @rx.event
    async def revoke(self, user_id: int) -> rx.event.EventSpec:
        return await self._run(lambda s, a: team.revoke_invite(s, actor=a, user_id=user_id), "Invitation revoked")


class TitleRow(BaseModel):
    id: int
    name: str


def title_rows(session: Session, actor: AppUser) -> list[TitleRow]:
    return [TitleRow(id=t.id or 0, name=t.name) for t in cvs.list_job_titles(session, actor=actor)]


class JobTitlesState(AuthState):
    titles: list[TitleRow] = []
    add_error: str = ""

    @rx.event
    async def load(self) -> None:
        self.titles = await self._as_actor(title_rows)

    async def _run(self, work: Any, done: str) -> rx.event.EventSpec:
        try:
            await self._as_actor(work)
        except DomainError as error:
            return rx.toast.error(
                _reason(error) if not isinstance(error.details, str) else error.message, id="titles-error"
            )
        self.titles = await self._as_actor(title_rows)
        return rx.toast.success(done)

    @rx.event
    async def add(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        name = form.get("name", "")
        try:
            await self._as_actor(lambda s, a: cvs.create_job_title(s, actor=a, name=name))
        except DomainError as error:
            self.add_error = _reason(error)
            return None
        self.add_error = ""
        self.titles = await self._as_actor(title_rows)
        return rx.toast.success(f"{name.strip()} added")

    @rx.event
    async def rename(self, job_title_id: int, name: str) -> rx.event.EventSpec:
        return await self._run(
            lambda s, a: cvs.rename_job_title(s, actor=a, job_title_id=job_title_id, name=name), "Job title renamed"
        )

    @rx.event
    async def delete(self, job_title_id: int) -> rx.event.EventSpec:
        return await self._run(
            lambda s, a: cvs.delete_job_title(s, actor=a, job_title_id=job_title_id), "Job title deleted"
        )
