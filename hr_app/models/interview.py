"""Interviews, their interviewers, their scorecards (one per interviewer) and the history of their status.

The `evaluation` table holds the scorecards (decision 60): one row per interview and interviewer; the spec's
`evaluation` of an interview is the row of its lead interviewer (`Interview.interviewer_id`). The spec's five
criteria keep their columns; the ratings of any other criterion of a job title's template, and every criterion's
note, are `ScorecardRating` rows (decision 61).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, Column, ColumnElement, Index, Numeric, Text, UniqueConstraint, and_, text
from sqlmodel import Field, SQLModel, col

from hr_app.kit.limits import (
    CRITERION_GUIDE_MAX_LENGTH,
    CRITERION_KEY_LENGTH,
    LABEL_MAX_LENGTH,
    LANGUAGES_MAX_LENGTH,
    RATING_MAX,
    RATING_MIN,
    REMARK_MAX_LENGTH,
    SALARY_INTEGER_DIGITS,
    SALARY_PLACES,
    STATUS_COLUMN_LENGTH,
)
from hr_app.kit.time import utcnow
from hr_app.models.enums import InterviewStatus, Recommendation, ScorecardStatus, sql_in
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


class InterviewInterviewer(SQLModel, table=True):
    """An interviewer of an interview besides its lead (the lead is `Interview.interviewer_id`)."""

    __tablename__ = "interview_interviewer"

    interview_id: uuid.UUID = Field(foreign_key="interview.id", primary_key=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="app_user.id", primary_key=True, index=True, ondelete="CASCADE")
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


def _rating_check(name: str, prefix: str = "ck_evaluation") -> CheckConstraint:
    return CheckConstraint(
        f"{name} IS NULL OR ({name} >= {RATING_MIN} AND {name} <= {RATING_MAX})", name=f"{prefix}_{name}"
    )


class Evaluation(SQLModel, table=True):
    """One interviewer's scorecard of one interview (the lead's is the spec's evaluation)."""

    __tablename__ = "evaluation"
    __table_args__ = (
        *(_rating_check(name) for name in RATING_FIELDS),
        CheckConstraint("expected_salary IS NULL OR expected_salary >= 0", name="ck_evaluation_salary"),
        CheckConstraint(sql_in("status", ScorecardStatus), name="ck_evaluation_status"),
        CheckConstraint(
            f"recommendation IS NULL OR {sql_in('recommendation', Recommendation)}", name="ck_evaluation_recommendation"
        ),
        UniqueConstraint("interview_id", "interviewer_id", name="uq_evaluation_interview_interviewer"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    interview_id: uuid.UUID = Field(foreign_key="interview.id", index=True, ondelete="CASCADE")
    # None only for an interview without a lead: the slot the spec's evaluation is written to then.
    interviewer_id: int | None = Field(default=None, foreign_key="app_user.id", index=True, ondelete="SET NULL")
    status: ScorecardStatus = Field(
        default=ScorecardStatus.DRAFT, sa_type=EnumText(ScorecardStatus, STATUS_COLUMN_LENGTH)
    )
    submitted_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    recommendation: Recommendation | None = Field(
        default=None, sa_type=EnumText(Recommendation, STATUS_COLUMN_LENGTH), nullable=True
    )
    strengths: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    concerns: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
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


def is_lead_scorecard() -> ColumnElement[bool]:
    """The join of an interview to its lead's scorecard (the spec's evaluation): at most one row per interview."""
    return and_(
        col(Evaluation.interview_id) == Interview.id,
        col(Evaluation.interviewer_id).is_not_distinct_from(Interview.interviewer_id),
    )


class ScorecardRating(SQLModel, table=True):
    """A criterion's rating outside the spec's five columns, and any criterion's note."""

    __tablename__ = "scorecard_rating"
    __table_args__ = (
        _rating_check("rating", "ck_scorecard_rating"),
        UniqueConstraint("scorecard_id", "criterion", name="uq_scorecard_rating_criterion"),
    )

    id: int | None = Field(default=None, primary_key=True)
    scorecard_id: uuid.UUID = Field(foreign_key="evaluation.id", index=True, ondelete="CASCADE")
    criterion: str = Field(max_length=CRITERION_KEY_LENGTH)
    rating: int | None = None
    note: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class ScorecardCriterion(SQLModel, table=True):
    """One criterion of a job title's scorecard template; a job title without any uses the spec's five."""

    __tablename__ = "scorecard_criterion"
    __table_args__ = (UniqueConstraint("job_title_id", "key", name="uq_scorecard_criterion_key"),)

    id: int | None = Field(default=None, primary_key=True)
    organization_id: uuid.UUID = Field(foreign_key="organization.id", index=True, ondelete="CASCADE")
    job_title_id: int = Field(foreign_key="job_title.id", index=True, ondelete="CASCADE")
    position: int = 0
    key: str = Field(max_length=CRITERION_KEY_LENGTH)
    name: str = Field(max_length=LABEL_MAX_LENGTH)
    guide_2: str = Field(default="", max_length=CRITERION_GUIDE_MAX_LENGTH)
    guide_5: str = Field(default="", max_length=CRITERION_GUIDE_MAX_LENGTH)
    guide_8: str = Field(default="", max_length=CRITERION_GUIDE_MAX_LENGTH)


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
