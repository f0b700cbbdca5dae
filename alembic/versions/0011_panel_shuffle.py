"""panel shuffle: a per-panel switch and the seed each candidate's order is drawn from

Revision ID: 0011_panel_shuffle
Revises: 0010_interview_rounds
Create Date: 2026-12-03 07:00:00

Existing panels do not shuffle (`shuffle` false) and existing candidates have no seed, so every drawn set keeps
exactly the order and option order it was shown in (an answer's stored index stays the bank's).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_panel_shuffle"
down_revision: str | Sequence[str] | None = "0010_interview_rounds"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("interview_panel", schema=None) as batch:
        batch.add_column(sa.Column("shuffle", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("interview_panel", schema=None) as batch:
        batch.alter_column("shuffle", server_default=None)
    with op.batch_alter_table("panel_candidate", schema=None) as batch:
        batch.add_column(sa.Column("shuffle_seed", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("panel_candidate", schema=None) as batch:
        batch.drop_column("shuffle_seed")
    with op.batch_alter_table("interview_panel", schema=None) as batch:
        batch.drop_column("shuffle")
