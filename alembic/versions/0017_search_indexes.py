"""search indexes: trigram indexes for the CV and interview lists' case-insensitive search, and the CV list's
name order (PostgreSQL only)

Revision ID: 0017_search_indexes
Revises: 0016_question_types
Create Date: 2026-12-07 17:40:00

On PostgreSQL the lists' search (`services/cv_list.py`, `services/interview_list.py`) is
`column ILIKE '%' || needle || '%'` on a CV's name, e-mail, phone number and place: without an index every search
reads all of the organization's CVs. A pg_trgm GIN index per column lets the planner find the matching rows (a
bitmap OR of the four), and a B-tree on `(organization_id, lower(name), created_at, id)` serves the CV list's
default order, so a page of 50 reads 50 index entries instead of sorting every CV. SQLite has no trigram index (its
search is `lower(column) LIKE`): this revision changes nothing there. The extension is left installed on downgrade
(other objects of the database may use it). The indexes are outside the SQLModel metadata: `hr_app.models.search`
names them.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0017_search_indexes"
down_revision: str | Sequence[str] | None = "0016_question_types"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TRIGRAM_COLUMNS = ("name", "email", "phone_number", "place")
NAME_ORDER_INDEX = "ix_user_cv_data_org_lower_name"


def _trigram_index(column: str) -> str:
    return f"ix_user_cv_data_{column}_trgm"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in TRIGRAM_COLUMNS:
        op.execute(f"CREATE INDEX {_trigram_index(column)} ON user_cv_data USING gin ({column} gin_trgm_ops)")
    op.execute(f"CREATE INDEX {NAME_ORDER_INDEX} ON user_cv_data (organization_id, lower(name), created_at, id)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"DROP INDEX IF EXISTS {NAME_ORDER_INDEX}")
    for column in reversed(TRIGRAM_COLUMNS):
        op.execute(f"DROP INDEX IF EXISTS {_trigram_index(column)}")
