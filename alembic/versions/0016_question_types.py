"""question types: multiple choice, true/false and free text beside single choice; credit and hand scores

Revision ID: 0016_question_types
Revises: 0015_integrity_signals
Create Date: 2026-12-07 17:20:00

`question` gains `question_type` (every existing question is `single_choice`), `correct_options` (an existing
question's one correct option as a one-element list) and `partial_credit` (off). `answer` gains the options of a
multiple-choice answer, a free-text answer, its hand score (who scored it, when) and `credit`, the share of the
question's point the answer earned: 1 or 0 for an answer graded right or wrong before this revision, null for one
never graded. `panel_candidate` gains `points` (the exact sum of the credits; an existing session's score, which
was whole) and `hand_scoring_pending` (off: no earlier session had a free-text question).

The downgrade keeps every row: each question as single choice on its `correct_option`, free-text ones archived.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import hr_app.models.types

revision: str = "0016_question_types"
down_revision: str | Sequence[str] | None = "0015_integrity_signals"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TYPES = "'single_choice', 'multiple_choice', 'true_false', 'free_text'"


def _one_element_list() -> str:
    """The SQL of `[correct_option]` as JSON on the running database."""
    if op.get_bind().dialect.name == "postgresql":
        return "json_build_array(correct_option)"
    return "'[' || correct_option || ']'"


def upgrade() -> None:
    with op.batch_alter_table("question", schema=None) as batch:
        batch.add_column(
            sa.Column(
                "question_type",
                sqlmodel.sql.sqltypes.AutoString(length=20),
                nullable=False,
                server_default="single_choice",
            )
        )
        batch.add_column(sa.Column("correct_options", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("partial_credit", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.create_check_constraint("ck_question_type", f"question_type IN ({TYPES})")
    op.execute(f"UPDATE question SET correct_options = {_one_element_list()}")
    with op.batch_alter_table("question", schema=None) as batch:
        batch.alter_column("question_type", server_default=None)
        batch.alter_column("partial_credit", server_default=None)
        batch.alter_column("correct_options", existing_type=sa.JSON(), nullable=False)

    with op.batch_alter_table("answer", schema=None) as batch:
        batch.add_column(sa.Column("selected_options", sa.JSON(none_as_null=True), nullable=True))
        batch.add_column(sa.Column("text_answer", sa.Text(), nullable=True))
        batch.add_column(sa.Column("credit", sa.Float(), nullable=True))
        batch.add_column(sa.Column("hand_score", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("scored_by_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("scored_at", hr_app.models.types.UTCDateTime(), nullable=True))
        batch.create_foreign_key(
            "fk_answer_scored_by_id_app_user", "app_user", ["scored_by_id"], ["id"], ondelete="SET NULL"
        )
        batch.create_check_constraint("ck_answer_credit", "credit IS NULL OR (credit >= 0 AND credit <= 1)")
        batch.create_check_constraint(
            "ck_answer_hand_score", "hand_score IS NULL OR (hand_score >= 0 AND hand_score <= 10)"
        )
    op.execute("UPDATE answer SET credit = CASE WHEN is_correct THEN 1.0 WHEN NOT is_correct THEN 0.0 END")

    with op.batch_alter_table("panel_candidate", schema=None) as batch:
        batch.add_column(sa.Column("points", sa.Numeric(8, 2), nullable=False, server_default="0"))
        batch.add_column(sa.Column("hand_scoring_pending", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.create_check_constraint("ck_panel_candidate_points", "points >= 0")
    op.execute("UPDATE panel_candidate SET points = score")
    with op.batch_alter_table("panel_candidate", schema=None) as batch:
        batch.alter_column("points", server_default=None)
        batch.alter_column("hand_scoring_pending", server_default=None)


def downgrade() -> None:
    # 0015 knows single choice only: a free-text question (no options) leaves the bank, archived, so no new panel
    # draws it; the other types keep their first correct option.
    op.execute("UPDATE question SET is_archived = true WHERE question_type = 'free_text'")
    with op.batch_alter_table("panel_candidate", schema=None) as batch:
        batch.drop_constraint("ck_panel_candidate_points", type_="check")
        batch.drop_column("hand_scoring_pending")
        batch.drop_column("points")
    with op.batch_alter_table("answer", schema=None) as batch:
        batch.drop_constraint("ck_answer_hand_score", type_="check")
        batch.drop_constraint("ck_answer_credit", type_="check")
        batch.drop_constraint("fk_answer_scored_by_id_app_user", type_="foreignkey")
        batch.drop_column("scored_at")
        batch.drop_column("scored_by_id")
        batch.drop_column("hand_score")
        batch.drop_column("credit")
        batch.drop_column("text_answer")
        batch.drop_column("selected_options")
    with op.batch_alter_table("question", schema=None) as batch:
        batch.drop_constraint("ck_question_type", type_="check")
        batch.drop_column("partial_credit")
        batch.drop_column("correct_options")
        batch.drop_column("question_type")
