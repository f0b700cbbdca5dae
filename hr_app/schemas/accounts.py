"""Users and sign-in."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from hr_app.kit.limits import Email, PasswordInput, PersonName
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
