"""accounts: organization settings, token versions, one-time account tokens

Revision ID: 0003_accounts
Revises: 0001
Create Date: 2026-12-02 20:00:00

Existing organizations take today's environment settings (interview length, clash window); existing users
count as having set their password when they were created.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hr_app.models.types
from hr_app.config import get_settings

revision: str = "0003_accounts"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    settings = get_settings()
    with op.batch_alter_table("organization") as batch:
        batch.add_column(sa.Column("time_zone", sa.String(length=64), nullable=False, server_default="UTC"))
        batch.add_column(
            sa.Column("interview_minutes", sa.Integer(), nullable=False, server_default=str(settings.interview_minutes))
        )
        batch.add_column(
            sa.Column(
                "clash_window_minutes", sa.Integer(), nullable=False, server_default=str(settings.clash_window_minutes)
            )
        )
        batch.add_column(sa.Column("panel_pass_mark", sa.Integer(), nullable=False, server_default="60"))
        batch.add_column(sa.Column("sender_name", sa.String(length=100), nullable=False, server_default=""))
        batch.add_column(sa.Column("decision_messages", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("organization") as batch:
        for column in ("time_zone", "interview_minutes", "clash_window_minutes", "panel_pass_mark"):
            batch.alter_column(column, server_default=None)
        batch.alter_column("sender_name", server_default=None)
        batch.alter_column("decision_messages", server_default=None)
    with op.batch_alter_table("app_user") as batch:
        batch.add_column(sa.Column("token_version", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("last_login_at", hr_app.models.types.UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("password_set_at", hr_app.models.types.UTCDateTime(), nullable=True))
    op.execute("UPDATE app_user SET password_set_at = created_at")
    with op.batch_alter_table("app_user") as batch:
        batch.alter_column("token_version", server_default=None)
    op.create_table(
        "account_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=10), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", hr_app.models.types.UTCDateTime(), nullable=False),
        sa.Column("expires_at", hr_app.models.types.UTCDateTime(), nullable=False),
        sa.Column("used_at", hr_app.models.types.UTCDateTime(), nullable=True),
        sa.CheckConstraint("purpose IN ('invite', 'reset')", name="ck_account_token_purpose"),
        sa.ForeignKeyConstraint(["user_id"], ["app_user.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_index(op.f("ix_account_token_user_id"), "account_token", ["user_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_account_token_user_id"), table_name="account_token")
    op.drop_table("account_token")
    with op.batch_alter_table("app_user") as batch:
        batch.drop_column("password_set_at")
        batch.drop_column("last_login_at")
        batch.drop_column("token_version")
    with op.batch_alter_table("organization") as batch:
        for column in (
            "decision_messages",
            "sender_name",
            "panel_pass_mark",
            "clash_window_minutes",
            "interview_minutes",
            "time_zone",
        ):
            batch.drop_column(column)
