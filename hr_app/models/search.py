"""The search index of CVs lives outside the SQLModel metadata: its shape differs per database (revision 0007).

SQLite: `cv_search` (one row per CV) and the FTS5 table `cv_search_fts` with its shadow tables; PostgreSQL:
`cv_search` with a generated `tsvector` and a GIN index. Only the database's triggers write them.

The lists' search indexes (revision 0017, PostgreSQL only: pg_trgm indexes and the CV list's name order) are
outside it too: like `cv_search`, they exist only where the revision made them, never through the models.
"""

from __future__ import annotations

SEARCH_TABLE_PREFIX = "cv_search"
LIST_SEARCH_INDEXES = frozenset(
    {
        "ix_user_cv_data_name_trgm",
        "ix_user_cv_data_email_trgm",
        "ix_user_cv_data_phone_number_trgm",
        "ix_user_cv_data_place_trgm",
        "ix_user_cv_data_org_lower_name",
    }
)


def is_search_table(name: str | None) -> bool:
    return bool(name) and str(name).startswith(SEARCH_TABLE_PREFIX)


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Alembic's `include_name`: leave the search tables and the lists' search indexes out of the comparison with
    the models."""
    if type_ == "index":
        return name not in LIST_SEARCH_INDEXES
    return not (type_ == "table" and is_search_table(name))
