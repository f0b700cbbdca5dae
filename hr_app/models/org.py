"""Organizations and the people who sign in."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, Column, true
from sqlmodel import Field, SQLModel

from hr_app.kit.limits import (
    DEFAULT_PASS_MARK,
    EMAIL_MAX_LENGTH,
    PERSON_NAME_MAX_LENGTH,
    SENDER_NAME_MAX_LENGTH,
    STATUS_COLUMN_LENGTH,
    TIME_ZONE_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    TOKEN_HASH_LENGTH,
    TOKEN_PURPOSE_LENGTH,
)
from hr_app.kit.time import utcnow
from hr_app.models.enums import Role, sql_in
from hr_app.models.types import EnumText, UTCDateTime


class Organization(SQLModel, table=True):
    __tablename__ = "organization"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    name: str = Field(max_length=TITLE_MAX_LENGTH, unique=True)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    # The organization's settings (issue 16); new organizations start from the environment's values.
    time_zone: str = Field(default="UTC", max_length=TIME_ZONE_MAX_LENGTH)
    interview_minutes: int = Field(default=45)
    clash_window_minutes: int = Field(default=60)
    panel_pass_mark: int = Field(default=DEFAULT_PASS_MARK)
    sender_name: str = Field(default="", max_length=SENDER_NAME_MAX_LENGTH)
    decision_messages: bool = Field(default=False)
    # Interviewers see the others' scorecards only once they submitted their own (issue 18).
    blind_scorecards: bool = Field(default=True, sa_column_kwargs={"server_default": true()})


class AppUser(SQLModel, table=True):
    __tablename__ = "app_user"
    __table_args__ = (CheckConstraint(sql_in("role", Role), name="ck_app_user_role"),)

    id: int | None = Field(default=None, primary_key=True)
    organization_id: uuid.UUID | None = Field(
        default=None, foreign_key="organization.id", index=True, ondelete="CASCADE"
    )
    email: str = Field(max_length=EMAIL_MAX_LENGTH, unique=True)
    password_hash: str = Field(max_length=255)
    first_name: str = Field(max_length=PERSON_NAME_MAX_LENGTH)
    last_name: str = Field(default="", max_length=PERSON_NAME_MAX_LENGTH)
    job_role: str = Field(default="", max_length=PERSON_NAME_MAX_LENGTH)
    role: Role = Field(default=Role.INTERVIEWER, sa_type=EnumText(Role, STATUS_COLUMN_LENGTH))
    is_active: bool = Field(default=True)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    # Bumped by sign-out, a password change, deactivation and a role change: tokens carrying an older one stop working.
    token_version: int = Field(default=0)
    last_login_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    # None while an invitation is pending (the user cannot sign in yet).
    password_set_at: datetime | None = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=True))

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class AccountToken(SQLModel, table=True):
    """A one-time link's token (invitation or password reset), stored only as its SHA-256."""

    __tablename__ = "account_token"
    __table_args__ = (CheckConstraint("purpose IN ('invite', 'reset')", name="ck_account_token_purpose"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", index=True, ondelete="CASCADE")
    purpose: str = Field(max_length=TOKEN_PURPOSE_LENGTH)
    token_hash: str = Field(max_length=TOKEN_HASH_LENGTH, unique=True)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    expires_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    used_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
