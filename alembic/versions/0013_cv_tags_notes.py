"""cv tags and notes: where a candidate came from (`user_cv_data.source`), the organization's tags, private notes

Revision ID: 0013_cv_tags_notes
Revises: 0012_panel_pass_mark
Create Date: 2026-12-04 18:10:00

Existing CVs keep every value and get no source (NULL), no tags and no notes. `source` is added in place, its CHECK
inline (SQLite cannot add a constraint to a table without rebuilding it, and rebuilding `user_cv_data` would cascade
into its interviews and drop the search triggers). The new tables point at their CV by a plain `cv_id` foreign key.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import hr_app.models.types

revision: str = "0013_cv_tags_notes"
down_revision: str | Sequence[str] | None = "0012_panel_pass_mark"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SOURCE_CHECK = "source IS NULL OR source IN ('referral', 'job_board', 'agency', 'career_site', 'other')"


def _add_source() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE user_cv_data ADD COLUMN source VARCHAR(20)"
            f" CONSTRAINT ck_user_cv_data_source CHECK ({SOURCE_CHECK})"
        )
        return
    op.add_column("user_cv_data", sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True))
    op.create_check_constraint("ck_user_cv_data_source", "user_cv_data", SOURCE_CHECK)


def upgrade() -> None:
    _add_source()
    op.create_table(
        "cv_tag",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("created_at", hr_app.models.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["organization_id"], ["organization.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("organization_id", "key", name="uq_cv_tag_org_key"),
    )
    op.create_index("ix_cv_tag_organization_id", "cv_tag", ["organization_id"], unique=False)
    op.create_table(
        "cv_tag_link",
        sa.Column("cv_id", sa.Uuid(), nullable=False),
        sa.Column("tag_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["cv_id"], ["user_cv_data.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["tag_id"], ["cv_tag.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("cv_id", "tag_id"),
    )
    op.create_index("ix_cv_tag_link_tag", "cv_tag_link", ["tag_id"], unique=False)
    op.create_table(
        "cv_note",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("cv_id", sa.Uuid(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", hr_app.models.types.UTCDateTime(), nullable=False),
        sa.Column("updated_at", hr_app.models.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["app_user.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["cv_id"], ["user_cv_data.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["organization_id"], ["organization.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_cv_note_cv_created", "cv_note", ["cv_id", "created_at"], unique=False)
    op.create_index("ix_cv_note_organization_id", "cv_note", ["organization_id"], unique=False)


def downgrade() -> None:
    op.drop_table("cv_note")
    op.drop_table("cv_tag_link")
    op.drop_table("cv_tag")
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint("ck_user_cv_data_source", "user_cv_data", type_="check")
    with op.batch_alter_table("user_cv_data", recreate="never") as batch_op:
        batch_op.drop_column("source")
