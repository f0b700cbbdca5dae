"""Values the database hands back already as the API's text, for reads that go straight to JSON.

Converting every UUID and timestamp to Python objects and back to text was most of the time of a whole list of
10,000 interviews (decision 54). Both functions give exactly the text the schemas write: `utc_text` is
`schemas.common.format_utc` (ISO 8601 in UTC, to the second, seconds truncated, with a `Z`), `uuid_text` is
`str(uuid)` (lower case, dashed). tests/services/test_sql_text.py compares them on both databases.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, cast, func
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

_POSTGRES_UTC = 'YYYY-MM-DD"T"HH24:MI:SS"Z"'


class utc_text(FunctionElement[str]):
    """A UTCDateTime column as the API's timestamp text (NULL stays NULL)."""

    type = String()
    inherit_cache = True


class uuid_text(FunctionElement[str]):
    """A UUID column as `str(uuid)`."""

    type = String()
    inherit_cache = True


@compiles(utc_text, "sqlite")
def _utc_text_sqlite(element: utc_text, compiler: SQLCompiler, **kw: Any) -> str:
    # SQLite keeps a UTCDateTime as naive UTC text that SQLAlchemy always writes as `YYYY-MM-DD HH:MM:SS.ffffff`:
    # cutting it is exact (the fraction dropped, as strftime drops it) and a third of strftime's cost.
    (column,) = element.clauses
    date, clock = func.substr(column, 1, 10, type_=String), func.substr(column, 12, 8, type_=String)
    return compiler.process(date.op("||")("T").op("||")(clock).op("||")("Z"), **kw)


@compiles(utc_text, "postgresql")
def _utc_text_postgres(element: utc_text, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(func.to_char(func.timezone("UTC", *element.clauses), _POSTGRES_UTC), **kw)


@compiles(uuid_text, "sqlite")
def _uuid_text_sqlite(element: uuid_text, compiler: SQLCompiler, **kw: Any) -> str:
    # SQLAlchemy's Uuid keeps 32 lower-case hex digits in a CHAR(32) on SQLite.
    (column,) = element.clauses
    spans = ((1, 8), (9, 4), (13, 4), (17, 4), (21, 12))
    parts = [func.substr(column, start, length, type_=String) for start, length in spans]
    dashed = parts[0]
    for part in parts[1:]:
        dashed = dashed.op("||")("-").op("||")(part)
    return compiler.process(dashed, **kw)


@compiles(uuid_text, "postgresql")
def _uuid_text_postgres(element: uuid_text, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(cast(*element.clauses, String), **kw)
