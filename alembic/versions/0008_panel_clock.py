"""panel clock: a time limit per panel, a deadline per candidate, and whether the clock submitted the session

Revision ID: 0008_panel_clock
Revises: 0007_cv_search
Create Date: 2026-12-03 06:40:00

New nullable columns and a flag: existing panels stay untimed (`time_limit_minutes` NULL keeps the whole window),
existing candidates keep their rows as they were (no deadline, `timed_out` false: sessions the panel's end
auto-submitted before this revision are not told apart from the others).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hr_app.models.types

revision: str = "0008_panel_clock"
down_revision: str | Sequence[str] | None = "0007_cv_search"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("interview_panel", schema=None) as batch:
        batch.add_column(sa.Column("time_limit_minutes", sa.Integer(), nullable=True))
        batch.create_check_constraint("ck_panel_time_limit", "time_limit_minutes IS NULL OR time_limit_minutes >= 1")
    with op.batch_alter_table("panel_candidate", schema=None) as batch:
        batch.add_column(sa.Column("deadline", hr_app.models.types.UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("timed_out", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.create_index("ix_panel_candidate_deadline", ["deadline"], unique=False)
    with op.batch_alter_table("panel_candidate", schema=None) as batch:
        batch.alter_column("timed_out", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("panel_candidate", schema=None) as batch:
        batch.drop_index("ix_panel_candidate_deadline")
        batch.drop_column("timed_out")
        batch.drop_column("deadline")
    with op.batch_alter_table("interview_panel", schema=None) as batch:
        batch.drop_constraint("ck_panel_time_limit", type_="check")
        batch.drop_column("time_limit_minutes")
