"""Organizations and the people who sign in."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, Column
from sqlmodel import Field, SQLModel

from hr_app.kit.limits import EMAIL_MAX_LENGTH, PERSON_NAME_MAX_LENGTH, STATUS_COLUMN_LENGTH, TITLE_MAX_LENGTH
from hr_app.kit.time import utcnow
from hr_app.models.enums import Role, sql_in
from hr_app.models.types import EnumText, UTCDateTime


class Organization(SQLModel, table=True):
    __tablename__ = "organization"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    name: str = Field(max_length=TITLE_MAX_LENGTH, unique=True)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


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

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()
