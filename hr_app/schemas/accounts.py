"""Users and sign-in."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from hr_app.models import AppUser, Role
from hr_app.schemas.common import StrictInput


class TokenRequest(StrictInput):
    email: str = Field(max_length=254)
    password: str = Field(max_length=256)


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
    email: str = Field(max_length=254)
    password: str = Field(max_length=256)
    first_name: str = Field(max_length=150)
    last_name: str = Field(default="", max_length=150)
    job_role: str = Field(default="", max_length=150)
    role: Role = Role.INTERVIEWER


class TeamMemberOut(UserOut):
    """A row of the Users page: the user plus status and last sign-in."""

    is_active: bool
    status: str
    last_login_at: datetime | None


class InviteRequest(StrictInput):
    email: str = Field(max_length=254)
    first_name: str = Field(max_length=150)
    last_name: str = Field(default="", max_length=150)
    role: Role
    job_role: str = Field(default="", max_length=150)


class TokenPassword(StrictInput):
    token: str = Field(max_length=256)
    password: str = Field(max_length=256)


class UserPatch(StrictInput):
    role: Role | None = None
    is_active: bool | None = None
    first_name: str | None = Field(default=None, max_length=150)
    last_name: str | None = Field(default=None, max_length=150)
    job_role: str | None = Field(default=None, max_length=150)


class PasswordChange(StrictInput):
    current_password: str = Field(max_length=256)
    new_password: str = Field(max_length=256)


class ResetRequest(StrictInput):
    email: str = Field(max_length=254)


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
    name: str | None = Field(default=None, max_length=255)
    time_zone: str | None = Field(default=None, max_length=64)
    interview_minutes: int | None = None
    clash_window_minutes: int | None = None
    panel_pass_mark: int | None = None
    sender_name: str | None = Field(default=None, max_length=100)
    decision_messages: bool | None = None
