"""scorecards: several interviewers per interview, a scorecard each, criteria per job title, the blind setting

Revision ID: 0009_scorecards
Revises: 0008_panel_clock
Create Date: 2026-12-03 06:30:00

`evaluation` becomes the scorecard table (decision 60): one row per interview and interviewer instead of one per
interview. Today's rows are carried forward as the lead interviewer's scorecard (`interviewer_id` from the
interview; NULL where the interview has no lead), `submitted` with `submitted_at` = their last change when all five
ratings are given, `draft` otherwise. The table is rebuilt with its rows copied (SQLite cannot drop the unnamed
unique key on `interview_id` in place). New tables: `interview_interviewer` (the interviewers besides the lead),
`scorecard_rating` (ratings outside the five columns, and notes), `scorecard_criterion` (a job title's template);
`organization.blind_scorecards` starts true (and keeps that server default). The downgrade keeps the lead's scorecards only.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import hr_app.models.types

revision: str = "0009_scorecards"
down_revision: str | Sequence[str] | None = "0008_panel_clock"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RATINGS = ("appearance", "knowledge", "confidence", "attitude", "communication")
KEPT = (
    "id, interview_id, appearance, knowledge, confidence, attitude, communication, languages, expected_salary,"
    " experience, remark, voice_note_file, voice_note_content_type, created_at, updated_at"
)
COMPLETE = " AND ".join(f"e.{name} IS NOT NULL" for name in RATINGS)
LEAD = "(e.interviewer_id = i.interviewer_id OR (e.interviewer_id IS NULL AND i.interviewer_id IS NULL))"


def _rating_checks(prefix: str = "ck_evaluation") -> list[sa.CheckConstraint]:
    return [sa.CheckConstraint(f"{n} IS NULL OR ({n} >= 0 AND {n} <= 10)", name=f"{prefix}_{n}") for n in RATINGS]


def _evaluation_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("interview_id", sa.Uuid(), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=True) for name in RATINGS),
        sa.Column("languages", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column("expected_salary", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("experience", sa.Text(), nullable=True),
        sa.Column("remark", sa.Text(), nullable=True),
        sa.Column("voice_note_file", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
        sa.Column("voice_note_content_type", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("created_at", hr_app.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", hr_app.models.types.UTCDateTime(timezone=True), nullable=False),
    ]


def _create_scorecards(name: str) -> None:
    op.create_table(
        name,
        *_evaluation_columns(),
        sa.Column("interviewer_id", sa.Integer(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("submitted_at", hr_app.models.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("recommendation", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.Column("strengths", sa.Text(), nullable=True),
        sa.Column("concerns", sa.Text(), nullable=True),
        *_rating_checks(),
        sa.CheckConstraint("expected_salary IS NULL OR expected_salary >= 0", name="ck_evaluation_salary"),
        sa.CheckConstraint("status IN ('draft', 'submitted')", name="ck_evaluation_status"),
        sa.CheckConstraint(
            "recommendation IS NULL OR recommendation IN ('strong_no', 'no', 'yes', 'strong_yes')",
            name="ck_evaluation_recommendation",
        ),
        sa.ForeignKeyConstraint(["interview_id"], ["interview.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["interviewer_id"], ["app_user.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("interview_id", "interviewer_id", name="uq_evaluation_interview_interviewer"),
    )


def _create_evaluations(name: str) -> None:
    op.create_table(
        name,
        *_evaluation_columns(),
        *_rating_checks(),
        sa.CheckConstraint("expected_salary IS NULL OR expected_salary >= 0", name="ck_evaluation_salary"),
        sa.ForeignKeyConstraint(["interview_id"], ["interview.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("interview_id"),
    )


def upgrade() -> None:
    with op.batch_alter_table("organization", schema=None) as batch:
        batch.add_column(sa.Column("blind_scorecards", sa.Boolean(), nullable=False, server_default=sa.true()))

    _create_scorecards("evaluation_rebuilt")
    kept = ", ".join(f"e.{column.strip()}" for column in KEPT.split(","))
    op.execute(
        f"INSERT INTO evaluation_rebuilt ({KEPT}, interviewer_id, status, submitted_at)"
        f" SELECT {kept}, i.interviewer_id,"
        f" CASE WHEN {COMPLETE} THEN 'submitted' ELSE 'draft' END,"
        f" CASE WHEN {COMPLETE} THEN e.updated_at ELSE NULL END"
        " FROM evaluation e JOIN interview i ON i.id = e.interview_id"
    )
    op.drop_table("evaluation")
    op.rename_table("evaluation_rebuilt", "evaluation")
    with op.batch_alter_table("evaluation", schema=None) as batch:
        batch.create_index(batch.f("ix_evaluation_interview_id"), ["interview_id"], unique=False)
        batch.create_index(batch.f("ix_evaluation_interviewer_id"), ["interviewer_id"], unique=False)

    op.create_table(
        "interview_interviewer",
        sa.Column("interview_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", hr_app.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["interview_id"], ["interview.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["app_user.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("interview_id", "user_id"),
    )
    with op.batch_alter_table("interview_interviewer", schema=None) as batch:
        batch.create_index(batch.f("ix_interview_interviewer_user_id"), ["user_id"], unique=False)

    op.create_table(
        "scorecard_rating",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scorecard_id", sa.Uuid(), nullable=False),
        sa.Column("criterion", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint("rating IS NULL OR (rating >= 0 AND rating <= 10)", name="ck_scorecard_rating_rating"),
        sa.ForeignKeyConstraint(["scorecard_id"], ["evaluation.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("scorecard_id", "criterion", name="uq_scorecard_rating_criterion"),
    )
    with op.batch_alter_table("scorecard_rating", schema=None) as batch:
        batch.create_index(batch.f("ix_scorecard_rating_scorecard_id"), ["scorecard_id"], unique=False)

    op.create_table(
        "scorecard_criterion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("job_title_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=150), nullable=False),
        sa.Column("guide_2", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("guide_5", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("guide_8", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.ForeignKeyConstraint(["organization_id"], ["organization.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["job_title_id"], ["job_title.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("job_title_id", "key", name="uq_scorecard_criterion_key"),
    )
    with op.batch_alter_table("scorecard_criterion", schema=None) as batch:
        batch.create_index(batch.f("ix_scorecard_criterion_organization_id"), ["organization_id"], unique=False)
        batch.create_index(batch.f("ix_scorecard_criterion_job_title_id"), ["job_title_id"], unique=False)


def downgrade() -> None:
    op.drop_table("scorecard_criterion")
    op.drop_table("scorecard_rating")
    op.drop_table("interview_interviewer")
    _create_evaluations("evaluation_old")
    kept = ", ".join(f"e.{column.strip()}" for column in KEPT.split(","))
    op.execute(
        f"INSERT INTO evaluation_old ({KEPT}) SELECT {kept}"
        f" FROM evaluation e JOIN interview i ON i.id = e.interview_id WHERE {LEAD}"
    )
    op.drop_table("evaluation")
    op.rename_table("evaluation_old", "evaluation")
    with op.batch_alter_table("organization", schema=None) as batch:
        batch.drop_column("blind_scorecards")
