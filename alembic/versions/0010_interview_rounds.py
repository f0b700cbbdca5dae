"""interview rounds: `round` (1, 2, ...) per CV, unique per CV; existing interviews numbered by creation

Revision ID: 0010_interview_rounds
Revises: 0009_scorecards
Create Date: 2026-12-03 06:45:00

Added in place (no table rebuild: rebuilding `interview` on SQLite would cascade into its evaluations). Existing
interviews are numbered per CV in the order they were created, so a CV's earlier interview stays round 1.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_interview_rounds"
down_revision: str | Sequence[str] | None = "0009_scorecards"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("interview", sa.Column("round", sa.Integer(), server_default=sa.text("1"), nullable=False))
    op.execute(
        "UPDATE interview SET round = (SELECT count(*) FROM interview earlier"
        " WHERE earlier.candidate_id = interview.candidate_id AND (earlier.created_at < interview.created_at"
        " OR (earlier.created_at = interview.created_at AND earlier.id <= interview.id)))"
    )
    op.create_index("uq_interview_candidate_round", "interview", ["candidate_id", "round"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_interview_candidate_round", table_name="interview")
    with op.batch_alter_table("interview", recreate="never") as batch_op:
        batch_op.drop_column("round")
