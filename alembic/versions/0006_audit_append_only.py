"""audit trail append-only: no foreign keys (it outlives what it describes), triggers refuse UPDATE and DELETE

Revision ID: 0006_audit_append_only
Revises: 0005_cv_documents
Create Date: 2026-12-03 01:30:00

`audit_entry` had `organization_id -> organization ON DELETE CASCADE` (deleting an organization erased its trail)
and `actor_id -> app_user ON DELETE SET NULL` (an UPDATE of the trail, which the new trigger would refuse, so
deleting an invited user would fail). Both keys go; the ids stay as plain values and `actor_label` keeps the name.
`organization_id` becomes nullable: a failed sign-in for an address no account has belongs to no organization.
The table is rebuilt with its rows copied (the same on SQLite, which cannot drop an unnamed key in place).
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import hr_app.models.types

revision: str = "0006_audit_append_only"
down_revision: str | Sequence[str] | None = "0005_cv_documents"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = "id, organization_id, actor_id, actor_label, object_type, object_id, action, before, after, created_at"
REFUSAL = "audit_entry is append-only"


def _create(name: str, *, with_keys: bool) -> None:
    keys = (
        [
            sa.ForeignKeyConstraint(["actor_id"], ["app_user.id"], ondelete="SET NULL"),
            sa.ForeignKeyConstraint(["organization_id"], ["organization.id"], ondelete="CASCADE"),
        ]
        if with_keys
        else []
    )
    op.create_table(
        name,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=not with_keys),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_label", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("object_type", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("object_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("action", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("created_at", hr_app.models.types.UTCDateTime(timezone=True), nullable=False),
        *keys,
        sa.PrimaryKeyConstraint("id"),
    )


def _rebuild(*, with_keys: bool, select: str = COLUMNS, where: str = "") -> None:
    """Copy the rows into a new table of the wanted shape, then put it in the old one's place."""
    op.drop_index("ix_audit_entry_org_object", table_name="audit_entry")
    _create("audit_entry_rebuilt", with_keys=with_keys)
    op.execute(f"INSERT INTO audit_entry_rebuilt ({COLUMNS}) SELECT {select} FROM audit_entry {where}")
    op.drop_table("audit_entry")
    op.rename_table("audit_entry_rebuilt", "audit_entry")
    index_columns = ["organization_id", "object_type", "object_id", "created_at"]
    op.create_index("ix_audit_entry_org_object", "audit_entry", index_columns)
    if op.get_bind().dialect.name == "postgresql":  # the names of a table created as audit_entry, and the next id
        op.execute("ALTER INDEX audit_entry_rebuilt_pkey RENAME TO audit_entry_pkey")
        op.execute("ALTER SEQUENCE audit_entry_rebuilt_id_seq RENAME TO audit_entry_id_seq")
        op.execute("SELECT setval('audit_entry_id_seq', COALESCE((SELECT max(id) FROM audit_entry), 0) + 1, false)")


def upgrade() -> None:
    _rebuild(with_keys=False)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION audit_entry_refuse_change() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{REFUSAL}' USING ERRCODE = 'insufficient_privilege'; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry "
            "FOR EACH ROW EXECUTE FUNCTION audit_entry_refuse_change()"
        )
        op.execute(
            "CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse_change()"
        )
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_entry_no_{event.lower()} BEFORE {event} ON audit_entry "
                f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_entry_no_truncate ON audit_entry")
        op.execute("DROP TRIGGER audit_entry_append_only ON audit_entry")
        op.execute("DROP FUNCTION audit_entry_refuse_change()")
    else:
        op.execute("DROP TRIGGER audit_entry_no_update")
        op.execute("DROP TRIGGER audit_entry_no_delete")
    # The old shape holds only entries of existing organizations; actors that are gone become null.
    actor = "CASE WHEN actor_id IN (SELECT id FROM app_user) THEN actor_id END"
    _rebuild(
        with_keys=True,
        select=COLUMNS.replace("actor_id", actor, 1),
        where="WHERE organization_id IN (SELECT id FROM organization)",
    )
