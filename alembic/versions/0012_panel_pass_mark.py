"""panel pass mark: per cent of a panel's questions a candidate needs to pass, instead of the fixed 60%

Revision ID: 0012_panel_pass_mark
Revises: 0011_panel_shuffle
Create Date: 2026-12-03 07:05:00

Existing panels get 60, the fixed rule their results were judged by until now (not their organization's current
default), so no pass rate on the dashboard or in an export changes with the upgrade. New panels take the
organization's `panel_pass_mark` unless the request names one.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_panel_pass_mark"
down_revision: str | Sequence[str] | None = "0011_panel_shuffle"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("interview_panel", schema=None) as batch:
        batch.add_column(sa.Column("pass_mark", sa.Integer(), nullable=False, server_default="60"))
        batch.create_check_constraint("ck_panel_pass_mark", "pass_mark >= 0 AND pass_mark <= 100")
    with op.batch_alter_table("interview_panel", schema=None) as batch:
        batch.alter_column("pass_mark", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("interview_panel", schema=None) as batch:
        batch.drop_constraint("ck_panel_pass_mark", type_="check")
        batch.drop_column("pass_mark")
