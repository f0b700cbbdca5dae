"""integrity signals: what a candidate's page noticed during a session (left the tab, pasted, a second window)

Revision ID: 0015_integrity_signals
Revises: 0014_answer_timing
Create Date: 2026-12-04 18:25:00

A new table `integrity_signal` (one row per event, with the question on screen), and on `panel_candidate` the
window that last acted (`client_id`, `client_seen_at`) so a second window can be noticed. Sessions from before this
revision have no signals: nothing was recorded, which HR's view says as "none recorded".
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import hr_app.models.types

revision: str = "0015_integrity_signals"
down_revision: str | Sequence[str] | None = "0014_answer_timing"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = "'tab_hidden', 'tab_visible', 'focus_lost', 'paste', 'copy', 'second_window'"


def upgrade() -> None:
    op.create_table(
        "integrity_signal",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("panel_candidate_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("at", hr_app.models.types.UTCDateTime(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=True),
        sa.CheckConstraint(f"kind IN ({KINDS})", name="ck_integrity_signal_kind"),
        sa.ForeignKeyConstraint(["panel_candidate_id"], ["panel_candidate.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_integrity_signal_candidate_at", "integrity_signal", ["panel_candidate_id", "at"])
    with op.batch_alter_table("panel_candidate", schema=None) as batch:
        batch.add_column(sa.Column("client_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch.add_column(sa.Column("client_seen_at", hr_app.models.types.UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("panel_candidate", schema=None) as batch:
        batch.drop_column("client_seen_at")
        batch.drop_column("client_id")
    op.drop_index("ix_integrity_signal_candidate_at", table_name="integrity_signal")
    op.drop_table("integrity_signal")
