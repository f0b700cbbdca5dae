"""Users and sign-in."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict

from hr_app.kit.limits import (
    Email,
    LinkToken,
    OrganizationName,
    PasswordInput,
    PersonName,
    SenderName,
    TimeZoneName,
)
from hr_app.models import AppUser, Role
from hr_app.schemas.common import StrictInput


class TokenRequest(StrictInput):
    email: Email
    password: PasswordInput


class TokenOut(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int


class UserOut(BaseModel):
    """The spec's user object (interviewer), plus the role."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    first_name: str
    last_name: str
    job_role: str
    role: str

    @classmethod
    def of(cls, user: AppUser) -> UserOut:
        return cls.model_validate(user)


class OrganizationOut(BaseModel):
    uuid: str
    name: str


class MeOut(BaseModel):
    user: UserOut
    organization: OrganizationOut | None


class UserCreate(StrictInput):
    email: Email
    password: PasswordInput
    first_name: PersonName
    last_name: PersonName = ""
    job_role: PersonName = ""
    role: Role = Role.INTERVIEWER


class TeamMemberOut(UserOut):
    """A row of the Users page: the user plus status and last sign-in."""

    is_active: bool
    status: str
    last_login_at: datetime | None


class InviteRequest(StrictInput):
    email: Email
    first_name: PersonName
    last_name: PersonName = ""
    role: Role
    job_role: PersonName = ""


class TokenPassword(StrictInput):
    token: LinkToken
    password: PasswordInput


class UserPatch(StrictInput):
    role: Role | None = None
    is_active: bool | None = None
    first_name: PersonName | None = None
    last_name: PersonName | None = None
    job_role: PersonName | None = None


class PasswordChange(StrictInput):
    current_password: PasswordInput
    new_password: PasswordInput


class ResetRequest(StrictInput):
    email: Email


class OrganizationSettingsOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    uuid: str
    name: str
    time_zone: str
    interview_minutes: int
    clash_window_minutes: int
    panel_pass_mark: int
    sender_name: str
    decision_messages: bool


class OrganizationPatch(StrictInput):
    name: OrganizationName | None = None
    time_zone: TimeZoneName | None = None
    interview_minutes: int | None = None
    clash_window_minutes: int | None = None
    panel_pass_mark: int | None = None
    sender_name: SenderName | None = None
    decision_messages: bool | None = None
