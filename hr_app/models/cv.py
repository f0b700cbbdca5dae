"""Job titles and the CVs (candidates) HR picks from."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from hr_app.kit.limits import (
    EMAIL_MAX_LENGTH,
    LABEL_MAX_LENGTH,
    PHONE_MAX_LENGTH,
    PLACE_MAX_LENGTH,
    STATUS_COLUMN_LENGTH,
    TITLE_MAX_LENGTH,
)
from hr_app.kit.time import utcnow
from hr_app.models.enums import CvStatus, sql_in
from hr_app.models.types import EnumText, UTCDateTime


class JobTitle(SQLModel, table=True):
    __tablename__ = "job_title"
    __table_args__ = (UniqueConstraint("organization_id", "name", name="uq_job_title_org_name"),)

    id: int | None = Field(default=None, primary_key=True)
    organization_id: uuid.UUID = Field(foreign_key="organization.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=LABEL_MAX_LENGTH)


class UserCvData(SQLModel, table=True):
    __tablename__ = "user_cv_data"
    __table_args__ = (
        CheckConstraint(sql_in("status", CvStatus), name="ck_user_cv_data_status"),
        Index("ix_user_cv_data_org_status", "organization_id", "status"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = Field(foreign_key="organization.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=TITLE_MAX_LENGTH)
    email: str = Field(max_length=EMAIL_MAX_LENGTH)
    phone_number: str = Field(default="", max_length=PHONE_MAX_LENGTH)
    job_title_id: int | None = Field(default=None, foreign_key="job_title.id", ondelete="SET NULL")
    place: str = Field(default="", max_length=PLACE_MAX_LENGTH)
    district: str = Field(default="", max_length=PLACE_MAX_LENGTH)
    status: CvStatus = Field(default=CvStatus.PENDING, sa_type=EnumText(CvStatus, STATUS_COLUMN_LENGTH))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
