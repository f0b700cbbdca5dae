"""answer timing: when each drawn question was first shown, and the seconds the candidate spent on it

Revision ID: 0014_answer_timing
Revises: 0013_cv_tags_notes
Create Date: 2026-12-04 18:10:00

`answer.first_shown_at` and `answer.seconds_spent` (the sum of the intervals the question was the one on the
candidate's screen, capped by the deadline); `panel_candidate.viewing_position` and `viewing_since` hold the
interval still open. Answers given before this revision were never timed: they stay null ("not recorded"), not 0,
so no average of time spent counts them.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hr_app.models.types

revision: str = "0014_answer_timing"
down_revision: str | Sequence[str] | None = "0013_cv_tags_notes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("answer", schema=None) as batch:
        batch.add_column(sa.Column("first_shown_at", hr_app.models.types.UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("seconds_spent", sa.Integer(), nullable=True))
        batch.create_check_constraint("ck_answer_seconds", "seconds_spent IS NULL OR seconds_spent >= 0")
    with op.batch_alter_table("panel_candidate", schema=None) as batch:
        batch.add_column(sa.Column("viewing_position", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("viewing_since", hr_app.models.types.UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("panel_candidate", schema=None) as batch:
        batch.drop_column("viewing_since")
        batch.drop_column("viewing_position")
    with op.batch_alter_table("answer", schema=None) as batch:
        batch.drop_constraint("ck_answer_seconds", type_="check")
        batch.drop_column("seconds_spent")
        batch.drop_column("first_shown_at")
