"""The search index of CVs lives outside the SQLModel metadata: its shape differs per database (revision 0007).

SQLite: `cv_search` (one row per CV) and the FTS5 table `cv_search_fts` with its shadow tables; PostgreSQL:
`cv_search` with a generated `tsvector` and a GIN index. Only the database's triggers write them.
"""

from __future__ import annotations

SEARCH_TABLE_PREFIX = "cv_search"


def is_search_table(name: str | None) -> bool:
    return bool(name) and str(name).startswith(SEARCH_TABLE_PREFIX)


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Alembic's `include_name`: leave the search tables out of the comparison with the models."""
    return not (type_ == "table" and is_search_table(name))
