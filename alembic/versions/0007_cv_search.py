"""cv search: one row per CV (name, e-mail, place, job title, current document's text) kept by triggers, indexed
by SQLite FTS5 or a PostgreSQL tsvector with a GIN index

Revision ID: 0007_cv_search
Revises: 0006_audit_append_only
Create Date: 2026-12-03 06:30:00

`cv_search` is written only by the database's own triggers on `user_cv_data`, `cv_document` and `job_title`, so
every writer (services, imports, the demo seed, a console session) keeps it true. The existing CVs are indexed here.
The table is outside the SQLModel metadata (its shape differs per dialect): `hr_app.models.search` names it.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007_cv_search"
down_revision: str | Sequence[str] | None = "0006_audit_append_only"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FIELDS = "name, email, place, job_title, body"
# The row of one CV as the triggers compute it, for a CV id given as {cv}.
SOURCE = (
    "SELECT c.id, c.organization_id, c.name, c.email, c.place, COALESCE(j.name, ''),"
    " COALESCE((SELECT d.text FROM cv_document d WHERE d.cv_id = c.id AND d.is_current = {true} LIMIT 1), '')"
    " FROM user_cv_data c LEFT JOIN job_title j ON j.id = c.job_title_id WHERE {where}"
)
UPSERT = (
    "INSERT INTO cv_search (cv_id, organization_id, name, email, place, job_title, body) {source}"
    " ON CONFLICT (cv_id) DO UPDATE SET organization_id = excluded.organization_id, name = excluded.name,"
    " email = excluded.email, place = excluded.place, job_title = excluded.job_title, body = excluded.body"
)
PG_WORDS = "to_tsvector('simple', regexp_replace({column}, '[^[:alnum:]]+', ' ', 'g'))"
PG_VECTOR = " || ".join(
    f"setweight({PG_WORDS.format(column=column)}, '{weight}')"
    for column, weight in (("name", "A"), ("email", "A"), ("job_title", "B"), ("place", "B"), ("body", "D"))
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _upgrade_postgresql()
    else:
        _upgrade_sqlite()


def _upgrade_sqlite() -> None:
    op.execute(
        "CREATE TABLE cv_search (id INTEGER PRIMARY KEY, cv_id CHAR(32) NOT NULL UNIQUE"
        " REFERENCES user_cv_data (id) ON DELETE CASCADE, organization_id CHAR(32) NOT NULL,"
        " name TEXT NOT NULL, email TEXT NOT NULL, place TEXT NOT NULL, job_title TEXT NOT NULL, body TEXT NOT NULL)"
    )
    op.execute(
        f"CREATE VIRTUAL TABLE cv_search_fts USING fts5({FIELDS}, content='cv_search', content_rowid='id',"
        " tokenize='unicode61 remove_diacritics 2')"
    )
    new = ", ".join(f"new.{field}" for field in FIELDS.split(", "))
    old = ", ".join(f"old.{field}" for field in FIELDS.split(", "))
    remove = f"INSERT INTO cv_search_fts (cv_search_fts, rowid, {FIELDS}) VALUES ('delete', old.id, {old});"
    add = f"INSERT INTO cv_search_fts (rowid, {FIELDS}) VALUES (new.id, {new});"
    op.execute(f"CREATE TRIGGER cv_search_fts_insert AFTER INSERT ON cv_search BEGIN {add} END")
    op.execute(f"CREATE TRIGGER cv_search_fts_delete AFTER DELETE ON cv_search BEGIN {remove} END")
    op.execute(f"CREATE TRIGGER cv_search_fts_update AFTER UPDATE ON cv_search BEGIN {remove} {add} END")

    def refresh(cv: str) -> str:
        return UPSERT.format(source=SOURCE.format(true=1, where=f"c.id = {cv}")) + ";"

    cv_columns = "name, email, place, job_title_id, organization_id"
    op.execute(f"CREATE TRIGGER cv_search_cv_insert AFTER INSERT ON user_cv_data BEGIN {refresh('new.id')} END")
    op.execute(
        f"CREATE TRIGGER cv_search_cv_update AFTER UPDATE OF {cv_columns} ON user_cv_data BEGIN {refresh('new.id')} END"
    )
    op.execute(
        "CREATE TRIGGER cv_search_cv_delete AFTER DELETE ON user_cv_data"
        " BEGIN DELETE FROM cv_search WHERE cv_id = old.id; END"
    )
    op.execute(f"CREATE TRIGGER cv_search_document_insert AFTER INSERT ON cv_document BEGIN {refresh('new.cv_id')} END")
    op.execute(
        "CREATE TRIGGER cv_search_document_update AFTER UPDATE OF text, is_current, cv_id ON cv_document"
        f" BEGIN {refresh('new.cv_id')} END"
    )
    op.execute(f"CREATE TRIGGER cv_search_document_delete AFTER DELETE ON cv_document BEGIN {refresh('old.cv_id')} END")
    op.execute(
        "CREATE TRIGGER cv_search_job_title_update AFTER UPDATE OF name ON job_title BEGIN UPDATE cv_search"
        " SET job_title = new.name WHERE organization_id = old.organization_id AND job_title = old.name; END"
    )
    op.execute(
        "CREATE TRIGGER cv_search_job_title_delete AFTER DELETE ON job_title BEGIN UPDATE cv_search"
        " SET job_title = '' WHERE organization_id = old.organization_id AND job_title = old.name; END"
    )
    op.execute(UPSERT.format(source=SOURCE.format(true=1, where="true")))


def _upgrade_postgresql() -> None:
    op.execute(
        "CREATE TABLE cv_search (cv_id UUID PRIMARY KEY REFERENCES user_cv_data (id) ON DELETE CASCADE,"
        " organization_id UUID NOT NULL, name TEXT NOT NULL, email TEXT NOT NULL, place TEXT NOT NULL,"
        f" job_title TEXT NOT NULL, body TEXT NOT NULL, search_vector TSVECTOR GENERATED ALWAYS AS ({PG_VECTOR}) STORED)"
    )
    op.execute("CREATE INDEX ix_cv_search_vector ON cv_search USING GIN (search_vector)")
    op.execute("CREATE INDEX ix_cv_search_organization ON cv_search (organization_id)")
    refresh = UPSERT.format(source=SOURCE.format(true="true", where="c.id = cv"))
    op.execute(
        f"CREATE FUNCTION cv_search_refresh(cv UUID) RETURNS void LANGUAGE plpgsql AS $$ BEGIN {refresh}; END $$"
    )
    op.execute(
        "CREATE FUNCTION cv_search_on_cv() RETURNS trigger LANGUAGE plpgsql AS"
        " $$ BEGIN PERFORM cv_search_refresh(NEW.id); RETURN NULL; END $$"
    )
    op.execute(
        "CREATE FUNCTION cv_search_on_document() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        " IF TG_OP = 'DELETE' THEN PERFORM cv_search_refresh(OLD.cv_id); ELSE PERFORM cv_search_refresh(NEW.cv_id);"
        " END IF; RETURN NULL; END $$"
    )
    op.execute(
        "CREATE FUNCTION cv_search_on_job_title() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        " UPDATE cv_search SET job_title = CASE WHEN TG_OP = 'DELETE' THEN '' ELSE NEW.name END"
        " WHERE organization_id = OLD.organization_id AND job_title = OLD.name; RETURN NULL; END $$"
    )
    op.execute(
        "CREATE TRIGGER cv_search_cv AFTER INSERT OR UPDATE OF name, email, place, job_title_id, organization_id"
        " ON user_cv_data FOR EACH ROW EXECUTE FUNCTION cv_search_on_cv()"
    )
    op.execute(
        "CREATE TRIGGER cv_search_document AFTER INSERT OR DELETE OR UPDATE OF text, is_current, cv_id"
        " ON cv_document FOR EACH ROW EXECUTE FUNCTION cv_search_on_document()"
    )
    op.execute(
        "CREATE TRIGGER cv_search_job_title AFTER DELETE OR UPDATE OF name ON job_title"
        " FOR EACH ROW EXECUTE FUNCTION cv_search_on_job_title()"
    )
    op.execute(UPSERT.format(source=SOURCE.format(true="true", where="true")))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for trigger, table in (
            ("cv_search_cv", "user_cv_data"),
            ("cv_search_document", "cv_document"),
            ("cv_search_job_title", "job_title"),
        ):
            op.execute(f"DROP TRIGGER {trigger} ON {table}")
        op.execute("DROP TABLE cv_search")
        for function in (
            "cv_search_on_cv()",
            "cv_search_on_document()",
            "cv_search_on_job_title()",
            "cv_search_refresh(UUID)",
        ):
            op.execute(f"DROP FUNCTION {function}")
        return
    for trigger in (
        "cv_insert",
        "cv_update",
        "cv_delete",
        "document_insert",
        "document_update",
        "document_delete",
        "job_title_update",
        "job_title_delete",
    ):
        op.execute(f"DROP TRIGGER cv_search_{trigger}")
    op.execute("DROP TABLE cv_search_fts")
    op.execute("DROP TABLE cv_search")
