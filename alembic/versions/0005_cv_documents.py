"""cv documents: each version of a CV's document (PDF, DOCX, ODT, text), its extracted text and suggestions

Revision ID: 0005_cv_documents
Revises: 0004_outbox
Create Date: 2026-12-03 00:24:04

A new table only: existing rows are untouched; the files live in the storage module (hr_app/storage).
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import hr_app.models.types

revision: str = "0005_cv_documents"
down_revision: str | Sequence[str] | None = "0004_outbox"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "cv_document",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("cv_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("file_name", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("content_type", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("storage_name", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.Column("uploaded_at", hr_app.models.types.UTCDateTime(), nullable=False),
        sa.Column("replaced_at", hr_app.models.types.UTCDateTime(), nullable=True),
        sa.Column("removed_at", hr_app.models.types.UTCDateTime(), nullable=True),
        sa.Column("text_status", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("suggested_email", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=True),
        sa.Column("suggested_phone", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.CheckConstraint("kind IN ('pdf', 'docx', 'odt', 'txt')", name="ck_cv_document_kind"),
        sa.CheckConstraint(
            "text_status IN ('pending', 'done', 'no_text', 'failed')", name="ck_cv_document_text_status"
        ),
        sa.ForeignKeyConstraint(["cv_id"], ["user_cv_data.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["organization_id"], ["organization.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["uploaded_by_id"], ["app_user.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("cv_id", "version", name="uq_cv_document_cv_version"),
    )
    with op.batch_alter_table("cv_document", schema=None) as batch_op:
        batch_op.create_index("ix_cv_document_cv_current", ["cv_id", "is_current"], unique=False)
        batch_op.create_index(batch_op.f("ix_cv_document_organization_id"), ["organization_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("cv_document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cv_document_organization_id"))
        batch_op.drop_index("ix_cv_document_cv_current")

    op.drop_table("cv_document")
