"""Interviews, their evaluation and the history of their status."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, Column, Index, Numeric, Text, text
from sqlmodel import Field, SQLModel

from hr_app.kit.limits import (
    LANGUAGES_MAX_LENGTH,
    RATING_MAX,
    RATING_MIN,
    REMARK_MAX_LENGTH,
    SALARY_INTEGER_DIGITS,
    SALARY_PLACES,
    STATUS_COLUMN_LENGTH,
)
from hr_app.kit.time import utcnow
from hr_app.models.enums import InterviewStatus, sql_in
from hr_app.models.types import EnumText, UTCDateTime

RATING_FIELDS = ("appearance", "knowledge", "confidence", "attitude", "communication")


class Interview(SQLModel, table=True):
    __tablename__ = "interview"
    __table_args__ = (
        CheckConstraint(sql_in("status", InterviewStatus), name="ck_interview_status"),
        Index("ix_interview_org_status", "organization_id", "status"),
        Index("ix_interview_org_created", "organization_id", "created_at"),
        Index("uq_interview_candidate_round", "candidate_id", "round", unique=True),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = Field(foreign_key="organization.id", index=True, ondelete="CASCADE")
    candidate_id: uuid.UUID = Field(foreign_key="user_cv_data.id", index=True, ondelete="CASCADE")
    interviewer_id: int | None = Field(default=None, foreign_key="app_user.id", index=True, ondelete="SET NULL")
    scheduled_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    status: InterviewStatus = Field(
        default=InterviewStatus.PENDING, sa_type=EnumText(InterviewStatus, STATUS_COLUMN_LENGTH)
    )
    round: int = Field(default=1, sa_column_kwargs={"server_default": text("1")})  # 1, 2, ... per CV (next round)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


def _rating_check(name: str) -> CheckConstraint:
    return CheckConstraint(
        f"{name} IS NULL OR ({name} >= {RATING_MIN} AND {name} <= {RATING_MAX})", name=f"ck_evaluation_{name}"
    )


class Evaluation(SQLModel, table=True):
    __tablename__ = "evaluation"
    __table_args__ = (
        *(_rating_check(name) for name in RATING_FIELDS),
        CheckConstraint("expected_salary IS NULL OR expected_salary >= 0", name="ck_evaluation_salary"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    interview_id: uuid.UUID = Field(foreign_key="interview.id", unique=True, ondelete="CASCADE")
    appearance: int | None = None
    knowledge: int | None = None
    confidence: int | None = None
    attitude: int | None = None
    communication: int | None = None
    languages: str | None = Field(default=None, max_length=LANGUAGES_MAX_LENGTH)
    expected_salary: Decimal | None = Field(
        default=None, sa_column=Column(Numeric(SALARY_INTEGER_DIGITS + SALARY_PLACES, SALARY_PLACES), nullable=True)
    )
    experience: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    remark: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    voice_note_file: str | None = Field(default=None, max_length=255)
    voice_note_content_type: str | None = Field(default=None, max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class StatusChange(SQLModel, table=True):
    __tablename__ = "status_change"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = Field(foreign_key="organization.id", index=True, ondelete="CASCADE")
    interview_id: uuid.UUID = Field(foreign_key="interview.id", index=True, ondelete="CASCADE")
    changed_by_id: int | None = Field(default=None, foreign_key="app_user.id", ondelete="SET NULL")
    from_status: InterviewStatus = Field(sa_type=EnumText(InterviewStatus, STATUS_COLUMN_LENGTH))
    to_status: InterviewStatus = Field(sa_type=EnumText(InterviewStatus, STATUS_COLUMN_LENGTH))
    remark: str | None = Field(default=None, max_length=REMARK_MAX_LENGTH)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
